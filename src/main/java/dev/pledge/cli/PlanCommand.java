package dev.pledge.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code plan [FILE|DIR ...] [--promise-workflow-output DIR] [--resource-workflow-output DIR] [--output json|table]}:
 * previews scheduling offline. Prints the decision on stdout (exit 0), or one line naming the file and the problem
 * on stderr (exit 1; 2 for a malformed command line).
 */
final class PlanCommand {
    static final String USAGE = "usage: pledge plan [FILE|DIR ...] [--promise-workflow-output DIR]"
            + " [--resource-workflow-output DIR] [--output json|table]";
    private static final String PROMISE_WORKFLOW = "--promise-workflow-output";
    private static final String RESOURCE_WORKFLOW = "--resource-workflow-output";
    private static final String OUTPUT = "--output";

    private final PrintStream out;
    private final PrintStream err;

    PlanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    private enum Format { JSON, TABLE }

    private record Arguments(List<Path> inputs, Optional<Path> promiseWorkflow, Optional<Path> resourceWorkflow,
            Format format) {
    }

    /** A command line that cannot be understood, as opposed to input that cannot be used. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    int run(List<String> args) {
        Arguments arguments;
        try {
            arguments = parse(args);
        } catch (UsageException e) {
            err.println("plan: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            PlanInput input = PlanInput.load(arguments.inputs());
            Optional<WorkflowOutput> promiseWorkflow = arguments.promiseWorkflow()
                    .map(dir -> WorkflowOutput.read(dir, PROMISE_WORKFLOW));
            Optional<WorkflowOutput> resourceWorkflow = arguments.resourceWorkflow()
                    .map(dir -> WorkflowOutput.read(dir, RESOURCE_WORKFLOW));
            Plan plan = Plan.of(input, promiseWorkflow, resourceWorkflow);
            String rendered = arguments.format() == Format.TABLE ? PlanTable.render(plan) : PlanJson.render(plan);
            out.print(rendered.endsWith("\n") ? rendered : rendered + "\n");
            out.flush();
            return 0;
        } catch (PlanException e) {
            err.println("plan: " + oneLine(e.getMessage()));
            return 1;
        }
    }

    private static Arguments parse(List<String> args) {
        List<Path> inputs = new ArrayList<>();
        Path promiseWorkflow = null;
        Path resourceWorkflow = null;
        Format format = Format.JSON;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inlineValue = option.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (option) {
                case PROMISE_WORKFLOW, RESOURCE_WORKFLOW, OUTPUT, "-o" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(option + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (option.equals(PROMISE_WORKFLOW)) {
                        promiseWorkflow = once(option, promiseWorkflow, Path.of(value));
                    } else if (option.equals(RESOURCE_WORKFLOW)) {
                        resourceWorkflow = once(option, resourceWorkflow, Path.of(value));
                    } else {
                        format = format(value);
                    }
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    inputs.add(Path.of(arg));
                }
            }
        }
        return new Arguments(inputs, Optional.ofNullable(promiseWorkflow), Optional.ofNullable(resourceWorkflow), format);
    }

    private static Path once(String option, Path earlier, Path value) {
        if (earlier != null) {
            throw new UsageException(option + " given twice");
        }
        return value;
    }

    private static Format format(String value) {
        return switch (value) {
            case "json" -> Format.JSON;
            case "table" -> Format.TABLE;
            default -> throw new UsageException("--output must be json or table, not \"" + value + "\"");
        };
    }

    private static String oneLine(String message) {
        return message == null ? "unknown problem" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
