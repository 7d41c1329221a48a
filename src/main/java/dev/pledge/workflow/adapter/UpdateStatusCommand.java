package dev.pledge.workflow.adapter;

import io.fabric8.kubernetes.client.KubernetesClient;
import dev.pledge.yaml.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code update-status}: the status writer, the Job's main container. Merges the pipeline's status.yaml into the
 * object's status, marks this pipeline Succeeded and, after the last pipeline, the configure workflow complete.
 */
final class UpdateStatusCommand {

    private UpdateStatusCommand() {
    }

    static void run(KubernetesClient client, AdapterEnv env) throws IOException {
        WorkflowObject object = new WorkflowObject(client, env);
        object.get();
        Map<String, Object> incoming = readStatusFile(env.metadataDir().resolve(WorkflowStatus.STATUS_FILE));
        String now = PipelineAdapter.now();
        object.editStatus(status -> WorkflowStatus.pipelineSucceeded(WorkflowStatus.merge(status, incoming),
                env.workflowType(), env.pipelineName(), env.lastPipeline(), now));
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
