package dev.pledge.local;

import dev.pledge.api.Kratix;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * What a fresh local platform holds before anyone applies a Promise: the Kratix CRDs (the same files as
 * {@code kubernetes/crds/}, packaged into the jar under {@code crds/}), the system namespace, a bare Git
 * repository on disk as the state store, and a Destination {@code local} labelled {@code environment: dev}
 * writing to it. Applied at every start, so a restart repairs what a user deleted by accident.
 */
final class PlatformObjects {
    static final String SYSTEM_NAMESPACE = Kratix.SYSTEM_NAMESPACE;
    static final String STORE = "local";
    static final String DESTINATION = "local";
    static final String FIELD_MANAGER = "pledge-local";
    private static final List<String> CRDS = List.of("promises", "destinations", "gitstatestores", "bucketstatestores",
            "works", "workplacements");

    private PlatformObjects() {
    }

    static void apply(KubernetesClient client, PlatformHome home) throws IOException, GitAPIException {
        for (String plural : CRDS) {
            String file = "/crds/" + plural + ".platform.kratix.io.yaml";
            try (InputStream in = PlatformObjects.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("this build of Pledge lacks " + file);
                }
                CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                client.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            }
        }
        for (String plural : CRDS) {
            client.apiextensions().v1().customResourceDefinitions().withName(plural + ".platform.kratix.io")
                    .waitUntilCondition(PlatformObjects::established, 60, TimeUnit.SECONDS);
        }
        client.resource(new NamespaceBuilder().withNewMetadata().withName(SYSTEM_NAMESPACE).endMetadata().build())
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        initRepository(home.stateRepository());
        applyYaml(client, """
                apiVersion: platform.kratix.io/v1alpha1
                kind: GitStateStore
                metadata: {name: %s}
                spec:
                  url: %s
                  branch: main
                """.formatted(STORE, home.stateRepository().toUri()));
        applyYaml(client, """
                apiVersion: platform.kratix.io/v1alpha1
                kind: Destination
                metadata:
                  name: %s
                  labels: {environment: dev}
                spec:
                  path: %s
                  stateStoreRef: {kind: GitStateStore, name: %s}
                """.formatted(DESTINATION, DESTINATION, STORE));
    }

    /** An empty bare repository with {@code main} as its default branch; the first push creates the branch. */
    private static void initRepository(Path bare) throws GitAPIException {
        if (Files.exists(bare.resolve("HEAD"))) {
            return;
        }
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    }

    private static void applyYaml(KubernetesClient client, String yaml) {
        GenericKubernetesResource object = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
