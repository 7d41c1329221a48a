package dev.pledge.install;

import static org.awaitility.Awaitility.await;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.api.Promise;
import dev.pledge.testing.GitStores;
import dev.pledge.testing.ControlPlane;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What a platform team creates on an installed Pledge, written with the admin client as kubectl would. */
final class Platform {
    static final Duration TIMEOUT = Duration.ofSeconds(240);
    static final String API_GROUP = "install.pledge.dev";
    static final KubernetesClient CLIENT = ControlPlane.client();

    private Platform() {
    }

    /** A GitStateStore on a new repository of the test Git server; returns the bare repository. */
    static Path gitStore(String name) {
        return GitStores.onTheHttpServer(CLIENT, name);
    }

    static void destination(String name, String store, Map<String, String> labels) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore, store));
        destination.setSpec(spec);
        CLIENT.resource(destination).create();
    }

    static void namespace(String name) {
        CLIENT.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
    }

    /**
     * A Promise with an API ({@code <Kind>} in {@link #API_GROUP}), a ConfigMap dependency, a promise configure
     * pipeline running {@code promiseImage} and a resource configure pipeline running {@code resourceImage}.
     */
    static Promise promise(String name, String kind, String suite, String promiseImage, String resourceImage) {
        String plural = kind.toLowerCase() + "s";
        return Yaml.mapper().convertValue(Yaml.documents("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata:
                  name: %1$s
                spec:
                  destinationSelectors:
                    - matchLabels: {suite: %2$s}
                  dependencies:
                    - apiVersion: v1
                      kind: ConfigMap
                      metadata: {name: %1$s-dependency, namespace: default}
                      data: {promise: %1$s}
                  api:
                    apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata: {name: %3$s.%4$s}
                    spec:
                      group: %4$s
                      names: {kind: %5$s, plural: %3$s, singular: %6$s}
                      scope: Namespaced
                      versions:
                        - name: v1
                          served: true
                          storage: true
                          schema:
                            openAPIV3Schema:
                              type: object
                              properties:
                                spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  workflows:
                    promise:
                      configure:
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: setup}
                          spec: {containers: [{name: setup, image: %7$s}]}
                    resource:
                      configure:
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: render}
                          spec: {containers: [{name: render, image: %8$s}]}
                """.formatted(name, suite, plural, API_GROUP, kind, kind.toLowerCase(), promiseImage, resourceImage))
                .get(0), Promise.class);
    }

    static Promise fetch(String promise) {
        return CLIENT.resources(Promise.class).withName(promise).get();
    }

    static void awaitAvailable(String promise) {
        await().atMost(TIMEOUT).until(() -> {
            Promise p = fetch(promise);
            return p != null && p.getStatus() != null && "Available".equals(p.getStatus().getStatus());
        });
    }

    static void request(String kind, String name, String namespace) {
        GenericKubernetesResource request = new GenericKubernetesResource();
        request.setApiVersion(API_GROUP + "/v1");
        request.setKind(kind);
        request.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        request.setAdditionalProperty("spec", Map.of("size", "small"));
        CLIENT.resource(request).create();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> requestStatus(String kind, String name, String namespace) {
        GenericKubernetesResource r = CLIENT.genericKubernetesResources(API_GROUP + "/v1", kind).inNamespace(namespace)
                .withName(name).get();
        return r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> s) ? Map.of()
                : (Map<String, Object>) s;
    }
}
