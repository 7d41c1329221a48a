package dev.pledge.promise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;

/**
 * The CustomResourceDefinition a Promise's {@code spec.api} installs, rewritten as Kratix does so that resource
 * requests carry Kratix's status: every version gets the status subresource, a status schema that keeps unknown
 * fields and declares Kratix's own ones, default printer columns when it has none, a bounded
 * {@code metadata.name}; the CRD is labelled with its Promise.
 */
public final class PromiseApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Name, group, kind and storage version of an installed API. */
    public record Identity(String crdName, String group, String kind, String plural, String storageVersion) {
        /** {@code group/version}, lower-cased as Kratix reports it in Promise status. */
        public String apiVersion() {
            return (group + "/" + storageVersion).toLowerCase();
        }
    }

    private PromiseApi() {
    }

    public static Identity identity(Promise promise) {
        JsonNode crd = JSON.valueToTree(promise.getSpec().getApi());
        JsonNode spec = crd.path("spec");
        return new Identity(crd.path("metadata").path("name").asText(), spec.path("group").asText(),
                spec.path("names").path("kind").asText(), spec.path("names").path("plural").asText(),
                storageVersion(spec.path("versions")));
    }

    /** The first version with storage: true, else the first listed (Kratix's rule). */
    static String storageVersion(JsonNode versions) {
        for (JsonNode version : versions) {
            if (version.path("storage").asBoolean(false)) {
                return version.path("name").asText();
            }
        }
        return versions.path(0).path("name").asText();
    }

    /** The CRD to apply for this Promise, as a JSON tree ready for the API server. */
    public static ObjectNode crdFor(Promise promise) {
        ObjectNode crd = JSON.valueToTree(promise.getSpec().getApi());
        crd.put("apiVersion", "apiextensions.k8s.io/v1");
        crd.put("kind", "CustomResourceDefinition");
        ObjectNode metadata = crd.with("metadata");
        metadata.remove(java.util.List.of("resourceVersion", "uid", "creationTimestamp", "generation", "managedFields"));
        metadata.with("labels").put(KratixLabels.PROMISE_NAME, promise.getMetadata().getName());
        crd.remove("status");
        for (JsonNode version : crd.with("spec").withArray("versions")) {
            rewrite((ObjectNode) version);
        }
        return crd;
    }

    private static void rewrite(ObjectNode version) {
        version.with("subresources").set("status", JSON.createObjectNode());
        JsonNode columns = version.path("additionalPrinterColumns");
        if (!columns.isArray() || columns.isEmpty()) {
            ArrayNode defaults = version.putArray("additionalPrinterColumns");
            defaults.addObject().put("name", "message").put("type", "string").put("jsonPath", ".status.message");
            defaults.addObject().put("name", "status").put("type", "string")
                    .put("jsonPath", ".status.conditions[?(@.type==\"Reconciled\")].message");
        }
        ObjectNode schema = version.with("schema").with("openAPIV3Schema");
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        ObjectNode properties = schema.with("properties");
        properties.set("status", statusSchema());
        ObjectNode metadata = properties.with("metadata");
        metadata.put("type", "object");
        metadata.with("properties").set("name", JSON.createObjectNode().put("type", "string").put("maxLength", 63));
    }

    /** The status every resource request of a Promise carries: the fields of {@code api.ResourceRequestStatus}. */
    static ObjectNode statusSchema() {
        ObjectNode status = object();
        status.put("x-kubernetes-preserve-unknown-fields", true);
        ObjectNode p = status.putObject("properties");
        p.set("message", type("string"));
        p.set("observedGeneration", type("integer").put("format", "int64"));
        p.set("workflows", type("integer").put("format", "int64"));
        p.set("workflowsSucceeded", type("integer").put("format", "int64"));
        p.set("workflowsFailed", type("integer").put("format", "int64"));
        p.set("lastSuccessfulConfigureWorkflowTime", type("string").put("format", "date-time"));
        p.set("destinations", type("array").set("items", type("string")));
        ObjectNode condition = object();
        ObjectNode c = condition.putObject("properties");
        for (String field : new String[] {"message", "reason", "status", "type"}) {
            c.set(field, type("string"));
        }
        c.set("lastTransitionTime", type("string").put("format", "date-time"));
        p.set("conditions", type("array").set("items", condition));

        ObjectNode pipeline = object();
        ObjectNode pp = pipeline.putObject("properties");
        for (String field : new String[] {"name", "phase", "message"}) {
            pp.set(field, type("string"));
        }
        pp.set("nextRetryAt", type("string").put("format", "date-time"));
        pp.set("lastTransitionTime", type("string").put("format", "date-time"));
        pp.set("attempts", type("integer"));
        ObjectNode workflows = object();
        ObjectNode wp = workflows.putObject("properties");
        wp.set("lastSuccessfulConfigureWorkflowTime", type("string").put("format", "date-time"));
        wp.set("pipelines", type("array").set("items", pipeline));
        wp.set("suspendedGeneration", type("integer").put("format", "int64"));
        ObjectNode kratix = object();
        kratix.putObject("properties").set("workflows", workflows);
        p.set("kratix", kratix);
        return status;
    }

    private static ObjectNode object() {
        return type("object");
    }

    private static ObjectNode type(String type) {
        return JSON.createObjectNode().put("type", type);
    }
}
