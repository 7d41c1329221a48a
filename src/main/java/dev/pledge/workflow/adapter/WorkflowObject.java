package dev.pledge.workflow.adapter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Promise or resource request a workflow runs for, reached through the generic client (its kind is only known
 * from the environment). Status is replaced through the status subresource with the read resourceVersion, so a
 * concurrent write by the operator makes us re-read and re-apply rather than overwrite it.
 */
final class WorkflowObject {
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final AdapterEnv env;

    WorkflowObject(KubernetesClient client, AdapterEnv env) {
        this.client = client;
        this.env = env;
    }

    GenericKubernetesResource get() {
        GenericKubernetesResource object = resource().get();
        if (object == null) {
            throw new IllegalStateException(env.describeObject() + " not found");
        }
        return object;
    }

    /**
     * Applies {@code change} to the object's status and writes it when the result differs.
     *
     * @return whether anything was written
     */
    boolean editStatus(UnaryOperator<Map<String, Object>> change) {
        for (int attempt = 1; ; attempt++) {
            GenericKubernetesResource object = get();
            Map<String, Object> current = status(object);
            Map<String, Object> desired = change.apply(current);
            if (desired.equals(current)) {
                return false;
            }
            object.setAdditionalProperty("status", desired);
            try {
                objects().resource(object).updateStatus();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Sets one label on the object (a merge patch: the rest of its metadata stays as it is). */
    void label(String key, String value) {
        resource().patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization()
                .asJson(Map.of("metadata", Map.of("labels", Map.of(key, value)))));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> status(GenericKubernetesResource object) {
        Object status = object.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    }

    private Resource<GenericKubernetesResource> resource() {
        return objects().withName(env.objectName());
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> objects() {
        var all = client.genericKubernetesResources(env.objectType());
        String namespace = env.objectNamespace();
        return namespace == null ? all : all.inNamespace(namespace);
    }
}
