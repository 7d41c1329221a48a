package dev.pledge.workflow.adapter;

import dev.pledge.api.WorkflowType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * The environment a Job gives the adapter: the {@code KRATIX_*} variables naming the workflow and its object
 * (§3.5.3), {@code IS_LAST_PIPELINE}, and the directory overrides {@code INPUT_DIR}, {@code OUTPUT_DIR} and
 * {@code METADATA_DIR} (the last is Pledge's, so tests can point the status writer elsewhere).
 */
public record AdapterEnv(Map<String, String> variables) {
    public static final String WORKFLOW_TYPE = "KRATIX_WORKFLOW_TYPE";
    public static final String PROMISE_NAME = "KRATIX_PROMISE_NAME";
    public static final String PIPELINE_NAME = "KRATIX_PIPELINE_NAME";
    public static final String OBJECT_KIND = "KRATIX_OBJECT_KIND";
    public static final String OBJECT_GROUP = "KRATIX_OBJECT_GROUP";
    public static final String OBJECT_VERSION = "KRATIX_OBJECT_VERSION";
    public static final String OBJECT_NAME = "KRATIX_OBJECT_NAME";
    public static final String OBJECT_NAMESPACE = "KRATIX_OBJECT_NAMESPACE";
    public static final String CRD_PLURAL = "KRATIX_CRD_PLURAL";
    public static final String CLUSTER_SCOPED = "KRATIX_CLUSTER_SCOPED";
    public static final String IS_LAST_PIPELINE = "IS_LAST_PIPELINE";
    public static final String INPUT_DIR = "INPUT_DIR";
    public static final String OUTPUT_DIR = "OUTPUT_DIR";
    public static final String METADATA_DIR = "METADATA_DIR";

    public AdapterEnv {
        variables = Map.copyOf(variables);
    }

    String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value;
    }

    String optional(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    public WorkflowType workflowType() {
        String type = require(WORKFLOW_TYPE);
        for (WorkflowType candidate : WorkflowType.values()) {
            if (candidate.value().equals(type)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(WORKFLOW_TYPE + " must be promise or resource, not \"" + type + "\"");
    }

    public String pipelineName() {
        return require(PIPELINE_NAME);
    }

    public boolean clusterScoped() {
        return Boolean.parseBoolean(optional(CLUSTER_SCOPED, "false"));
    }

    public boolean lastPipeline() {
        return Boolean.parseBoolean(optional(IS_LAST_PIPELINE, "false"));
    }

    /** Which API the object lives in: group and version from the env, the plural naming its resource. */
    public ResourceDefinitionContext objectType() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(optional(OBJECT_GROUP, ""))
                .withVersion(require(OBJECT_VERSION))
                .withPlural(require(CRD_PLURAL))
                .withKind(optional(OBJECT_KIND, null))
                .withNamespaced(!clusterScoped())
                .build();
    }

    public String objectName() {
        return require(OBJECT_NAME);
    }

    /** The object's namespace, or null for a cluster-scoped object. */
    public String objectNamespace() {
        return clusterScoped() ? null : require(OBJECT_NAMESPACE);
    }

    public Path inputDir() {
        return Path.of(optional(INPUT_DIR, "/kratix/input"));
    }

    public Path outputDir() {
        return Path.of(optional(OUTPUT_DIR, "/kratix/output"));
    }

    public Path metadataDir() {
        return Path.of(optional(METADATA_DIR, "/work-creator-files/metadata"));
    }

    /** How messages name the object: {@code Kind namespace/name} or {@code Kind name}. */
    String describeObject() {
        String kind = optional(OBJECT_KIND, require(CRD_PLURAL));
        String namespace = objectNamespace();
        return kind + " " + (namespace == null ? "" : namespace + "/") + objectName();
    }
}
