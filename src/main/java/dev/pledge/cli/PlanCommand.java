package dev.pledge.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plan [FILE|DIR ...] [--promise-workflow-output DIR] [--resource-workflow-output DIR] [--output json|table]}:
 * previews scheduling offline. Prints the decision on stdout (exit 0), or one line naming the file and the problem
 * on stderr (exit 1; 2 for a malformed command line). Documents of kinds plan does not use are skipped with a note
 * on stderr.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        synopsisHeading = "usage: ",
        description = {"Preview, offline, which Destinations the Promise's documents would be written to.",
                "Reads exactly one Promise, its Destinations, existing WorkPlacements and at most one resource request"
                        + " for the Promise's API. State stores are skipped; other kinds (a Secret, ...) are skipped"
                        + " with a note on stderr."})
final class PlanCommand implements Callable<Integer> {
    static final String PROMISE_WORKFLOW = "--promise-workflow-output";
    static final String RESOURCE_WORKFLOW = "--resource-workflow-output";
    static final String OUTPUT = "--output";

    private enum Format { json, table }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "YAML files, or directories of them")
    List<Path> inputs = new ArrayList<>();

    @Option(names = PROMISE_WORKFLOW, paramLabel = "DIR",
            description = "a promise.configure pipeline's output (DIR/output, DIR/metadata) to schedule too")
    Path promiseWorkflow;

    @Option(names = RESOURCE_WORKFLOW, paramLabel = "DIR",
            description = "a resource.configure pipeline's output to schedule for the resource request")
    Path resourceWorkflow;

    @Option(names = {OUTPUT, "-o"}, paramLabel = "json|table", defaultValue = "json",
            description = "json (the fixed decision format, default) or table (with reasons per Destination)")
    String output;

    @Override
    public Integer call() {
        Format format = format();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PlanInput input = PlanInput.load(inputs, note -> err.println("plan: note: " + oneLine(note)));
            Optional<WorkflowOutput> promiseOutput = Optional.ofNullable(promiseWorkflow)
                    .map(dir -> WorkflowOutput.read(dir, PROMISE_WORKFLOW));
            Optional<WorkflowOutput> resourceOutput = Optional.ofNullable(resourceWorkflow)
                    .map(dir -> WorkflowOutput.read(dir, RESOURCE_WORKFLOW));
            Plan plan = Plan.of(input, promiseOutput, resourceOutput);
            String rendered = format == Format.table ? PlanTable.render(plan) : PlanJson.render(plan);
            out.print(rendered.endsWith("\n") ? rendered : rendered + "\n");
            out.flush();
            return 0;
        } catch (PlanException e) {
            err.println("plan: " + oneLine(e.getMessage()));
            return 1;
        }
    }

    private Format format() {
        try {
            return Format.valueOf(output);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), OUTPUT + " must be json or table, not \"" + output + "\"");
        }
    }

    private static String oneLine(String message) {
        return message == null ? "unknown problem" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
