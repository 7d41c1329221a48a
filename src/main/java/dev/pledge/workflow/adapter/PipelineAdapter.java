package dev.pledge.workflow.adapter;

import dev.pledge.api.KratixEnv;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Runs one pipeline-adapter sub-command with its own client (in a Pod: the ServiceAccount's in-cluster config).
 * A rejected metadata file is written to the object's status before the command fails, so whoever looks at the
 * object learns what the pipeline got wrong without reading Pod logs.
 */
public final class PipelineAdapter {
    public static final String READER = "reader";
    public static final String WORK_CREATOR = "work-creator";
    public static final String UPDATE_STATUS = "update-status";

    private PipelineAdapter() {
    }

    /**
     * In a pod: the in-cluster configuration. A {@code KUBECONFIG} in the given environment wins, so a caller that
     * runs the adapter in-process (the tests' kubelet stand-in) decides which API server it talks to.
     */
    static KubernetesClient client(Map<String, String> variables) {
        String kubeconfig = variables.get("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            return new KubernetesClientBuilder().build();
        }
        try {
            String yaml = java.nio.file.Files.readString(java.nio.file.Path.of(kubeconfig));
            return new KubernetesClientBuilder().withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(yaml)).build();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read KUBECONFIG " + kubeconfig + ": " + e.getMessage());
        }
    }

    /** Returns the exit status: 0 done, 1 failed (with one line on {@code err}). */
    public static int run(String command, List<String> args, Map<String, String> variables, PrintStream out,
            PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            return usage(command, out, err);
        }
        AdapterEnv env = new AdapterEnv(variables);
        try (KubernetesClient client = client(variables)) {
            try {
                switch (command) {
                    case READER -> ReaderCommand.run(client, env);
                    case WORK_CREATOR -> WorkCreatorCommand.run(client, args);
                    case UPDATE_STATUS -> UpdateStatusCommand.run(client, env);
                    default -> throw new IllegalArgumentException("unknown adapter command \"" + command + "\"");
                }
                return 0;
            } catch (InvalidPipelineOutput e) {
                String message = e.statusMessage(env.pipelineName());
                report(client, env, message, err);
                err.println(message);
                return 1;
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    /** {@code <command> --help}: what the step does and what it reads, without touching the cluster. */
    static int usage(String command, PrintStream out, PrintStream err) {
        String objectEnv = "  object: " + KratixEnv.WORKFLOW_TYPE + ", " + KratixEnv.PROMISE_NAME + ", "
                + KratixEnv.PIPELINE_NAME + ", " + KratixEnv.OBJECT_KIND + ", " + KratixEnv.OBJECT_GROUP + ", "
                + KratixEnv.OBJECT_VERSION + ", " + KratixEnv.OBJECT_NAME + ", " + KratixEnv.OBJECT_NAMESPACE + ", "
                + KratixEnv.CRD_PLURAL + ", " + KratixEnv.CLUSTER_SCOPED;
        switch (command) {
            case READER -> {
                out.println("usage: pledge reader");
                out.println("Pipeline step: writes the workflow's object, as the API server has it, to "
                        + "$" + AdapterEnv.INPUT_DIR + "/" + ReaderCommand.OBJECT_FILE + " (default /kratix/input)");
                out.println("and creates $" + AdapterEnv.OUTPUT_DIR + " (default /kratix/output). Environment:");
                out.println(objectEnv);
            }
            case WORK_CREATOR -> {
                out.println("usage: pledge work-creator --input-directory DIR --promise-name NAME --pipeline-name NAME");
                out.println("                           --workflow-type promise|resource [--namespace NS]");
                out.println("                           [--resource-name NAME] [--resource-namespace NS]");
                out.println("Pipeline step: turns DIR/input (the pipeline's output) and DIR/metadata into this "
                        + "pipeline's Work.");
            }
            case UPDATE_STATUS -> {
                out.println("usage: pledge update-status");
                out.println("Pipeline step: merges $" + AdapterEnv.METADATA_DIR + "/" + WorkflowStatus.STATUS_FILE
                        + " into the object's status and records the pipeline as succeeded; a "
                        + WorkflowControl.FILE + " that suspends or asks for a retry labels the object "
                        + "kratix.io/workflow-suspended and marks the pipeline Suspended instead. Environment:");
                out.println(objectEnv + ", " + KratixEnv.IS_LAST_PIPELINE);
            }
            default -> {
                err.println("unknown adapter command \"" + command + "\"");
                return 2;
            }
        }
        return 0;
    }

    private static void report(KubernetesClient client, AdapterEnv env, String message, PrintStream err) {
        String now = now();
        try {
            new WorkflowObject(client, env).editStatus(status -> WorkflowStatus.invalidOutput(status, message, now));
        } catch (RuntimeException e) {
            err.println("could not record the failure on " + env.describeObject() + ": " + oneLine(e.getMessage()));
        }
    }

    /** RFC 3339 in UTC, to the second, as Kubernetes writes times. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
