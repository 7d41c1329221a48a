package dev.pledge.workflow.adapter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code reader}: the object as the API server has it, in {@code object.yaml} for the user's containers. */
final class ReaderCommand {
    static final String OBJECT_FILE = "object.yaml";

    private ReaderCommand() {
    }

    static void run(KubernetesClient client, AdapterEnv env) throws IOException {
        GenericKubernetesResource object = new WorkflowObject(client, env).get();
        Path input = env.inputDir();
        Files.createDirectories(input);
        Files.writeString(input.resolve(OBJECT_FILE), client.getKubernetesSerialization().asYaml(object));
        Files.createDirectories(env.outputDir());
    }
}
