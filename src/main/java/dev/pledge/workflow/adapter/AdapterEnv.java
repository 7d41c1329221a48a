package dev.pledge.workflow.adapter;

import dev.pledge.api.KratixEnv;
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
        String type = require(KratixEnv.WORKFLOW_TYPE);
        for (WorkflowType candidate : WorkflowType.values()) {
            if (candidate.value().equals(type)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(KratixEnv.WORKFLOW_TYPE + " must be promise or resource, not \"" + type + "\"");
    }

    public String pipelineName() {
        return require(KratixEnv.PIPELINE_NAME);
    }

    public boolean clusterScoped() {
        return Boolean.parseBoolean(optional(KratixEnv.CLUSTER_SCOPED, "false"));
    }

    public boolean lastPipeline() {
        return Boolean.parseBoolean(optional(KratixEnv.IS_LAST_PIPELINE, "false"));
    }

    /** Which API the object lives in: group and version from the env, the plural naming its resource. */
    public ResourceDefinitionContext objectType() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(optional(KratixEnv.OBJECT_GROUP, ""))
                .withVersion(require(KratixEnv.OBJECT_VERSION))
                .withPlural(require(KratixEnv.CRD_PLURAL))
                .withKind(optional(KratixEnv.OBJECT_KIND, null))
                .withNamespaced(!clusterScoped())
                .build();
    }

    public String objectName() {
        return require(KratixEnv.OBJECT_NAME);
    }

    /** The object's namespace, or null for a cluster-scoped object. */
    public String objectNamespace() {
        return clusterScoped() ? null : require(KratixEnv.OBJECT_NAMESPACE);
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
        String kind = optional(KratixEnv.OBJECT_KIND, require(KratixEnv.CRD_PLURAL));
        String namespace = objectNamespace();
        return kind + " " + (namespace == null ? "" : namespace + "/") + objectName();
    }
}
