package dev.pledge.cli;

import dev.pledge.workflow.adapter.PipelineAdapter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Dispatches the offline sub-commands: the pipeline-adapter steps to {@link PipelineAdapter}, everything else
 * ({@code validate}, {@code plan}, {@code --help}, {@code --version}) through picocli. Returns the process exit
 * status (0 done, 1 failed, 2 a command line that cannot be understood); never lets a stack trace out.
 */
public final class Cli {
    public static final String OPERATOR = "operator";
    private static final Set<String> ADAPTER_STEPS = Set.of(PipelineAdapter.READER, PipelineAdapter.WORK_CREATOR,
            PipelineAdapter.UPDATE_STATUS);
    static final int USAGE_ERROR = 2;

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
        String command = args.length == 0 ? "pledge" : args[0];
        try {
            if (ADAPTER_STEPS.contains(command)) {
                return PipelineAdapter.run(command, Arrays.asList(args).subList(1, args.length), env, out, err);
            }
            return commandLine(out, err).execute(args);
        } catch (RuntimeException e) {
            err.println(command + ": " + e.getMessage());
            return 1;
        }
    }

    private static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new PledgeCommand());
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler(Cli::usageError);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            throw e;
        });
        return commandLine;
    }

    /** One line in the user's terms, then the synopsis of the command they were writing; exit 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandName();
        err.println((name.equals("pledge") ? "" : name + ": ") + inUserTerms(e));
        err.print("usage: " + command.getHelp().synopsis(0));
        err.flush();
        return USAGE_ERROR;
    }

    static String inUserTerms(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            return (first.startsWith("-") ? "unknown option " : "unknown command ") + first;
        }
        if (e instanceof MissingParameterException missing) {
            List<String> options = missing.getMissing().stream()
                    .filter(arg -> arg instanceof CommandLine.Model.OptionSpec)
                    .map(arg -> ((CommandLine.Model.OptionSpec) arg).longestName()).toList();
            return options.isEmpty() ? "name at least one " + missing.getMissing().get(0).paramLabel()
                    : options.get(0) + " needs a value";
        }
        if (e instanceof OverwrittenOptionException overwritten && overwritten.getOverwritten() instanceof
                CommandLine.Model.OptionSpec option) {
            return option.longestName() + " given twice";
        }
        return e.getMessage();
    }
}
