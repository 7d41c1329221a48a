package dev.pledge.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Dispatches the offline sub-commands. Returns the process exit status; never lets a stack trace out. */
public final class Cli {
    public static final String OPERATOR = "operator";

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (command) {
                case "validate" -> new ValidateCommand(out, err).run(rest);
                case "plan" -> new PlanCommand(out, err).run(rest);
                case "help", "--help", "-h" -> usage(out, 0);
                default -> {
                    err.println("unknown command \"" + command + "\"");
                    yield usage(err, 2);
                }
            };
        } catch (RuntimeException e) {
            err.println(command + ": " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream stream, int status) {
        stream.println("usage: pledge [operator]            run the operator");
        stream.println("       pledge validate FILE...      check Promise files offline");
        stream.println("       pledge plan [FILE|DIR ...] [--promise-workflow-output DIR] [--resource-workflow-output DIR]"
                + " [--output json|table]");
        stream.println("                                    preview where work would be scheduled, offline");
        return status;
    }
}
