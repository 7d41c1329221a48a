package dev.pledge.workflow.adapter;

import io.fabric8.kubernetes.client.KubernetesClient;
import dev.pledge.api.KratixLabels;
import dev.pledge.yaml.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code update-status}: the status writer, the Job's main container. Merges the pipeline's status.yaml into the
 * object's status and, after the last pipeline, marks the configure workflow complete. A pipeline whose
 * {@link WorkflowControl} file suspends the workflow or asks for a retry labels the object
 * {@code kratix.io/workflow-suspended} and marks its own pipeline Suspended instead of completing anything.
 */
final class UpdateStatusCommand {

    private UpdateStatusCommand() {
    }

    static void run(KubernetesClient client, AdapterEnv env) throws IOException {
        WorkflowObject object = new WorkflowObject(client, env);
        Long generation = object.get().getMetadata().getGeneration();
        Map<String, Object> incoming = readStatusFile(env.metadataDir().resolve(WorkflowStatus.STATUS_FILE));
        WorkflowControl control = WorkflowControl.read(env.metadataDir());
        Instant at = Instant.now();
        String now = PipelineAdapter.now();
        if (control.stops()) {
            // the label first: a controller that sees it holds the workflow, whichever of our writes it saw
            object.label(KratixLabels.WORKFLOW_SUSPENDED, "true");
        }
        object.editStatus(status -> WorkflowStatus.workflowControl(WorkflowStatus.pipelineSucceeded(
                WorkflowStatus.merge(status, incoming), env.workflowType(), env.pipelineName(),
                env.lastPipeline() && !control.stops(), now), env.workflowType(), env.pipelineName(), control,
                generation, at));
    }

    private static Map<String, Object> readStatusFile(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new InvalidPipelineOutput(WorkflowStatus.STATUS_FILE, "is a symbolic link; write the file itself");
        }
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return WorkflowStatus.parseStatusFile(Yaml.text(file));
        } catch (Yaml.YamlException e) {
            throw new InvalidPipelineOutput(WorkflowStatus.STATUS_FILE, e.getMessage());
        }
    }
}
