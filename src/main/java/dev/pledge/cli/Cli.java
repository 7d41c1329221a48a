package dev.pledge.cli;

import dev.pledge.workflow.adapter.PipelineAdapter;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Dispatches the offline sub-commands. Returns the process exit status; never lets a stack trace out. */
public final class Cli {
    public static final String OPERATOR = "operator";

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /**
     * @param env the process environment; the pipeline-adapter sub-commands read their {@code KRATIX_*} settings
     *        from it, and tests pass their own to run them in-process
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (command) {
                case "validate" -> new ValidateCommand(out, err).run(rest);
                case "plan" -> new PlanCommand(out, err).run(rest);
                case PipelineAdapter.READER, PipelineAdapter.WORK_CREATOR, PipelineAdapter.UPDATE_STATUS ->
                        PipelineAdapter.run(command, rest, env, out, err);
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
        stream.println("       pledge local [--dir DIR] [--reset]  run a whole platform on this machine until Ctrl-C");
        stream.println("       pledge validate FILE...      check Promise files offline");
        stream.println("       pledge plan [FILE|DIR ...] [--promise-workflow-output DIR] [--resource-workflow-output DIR]"
                + " [--output json|table]");
        stream.println("                                    preview where work would be scheduled, offline");
        stream.println("       pledge reader | work-creator --input-directory DIR ... | update-status");
        stream.println("                                    the pipeline adapter, run inside workflow Jobs");
        return status;
    }
}
