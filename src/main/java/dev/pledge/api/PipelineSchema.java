package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * The schema the Promise CRD publishes for one pipeline of {@code spec.workflows}: every field kept as written, with
 * the fields the admission rules read declared (CEL cannot see undeclared fields). The rules and messages are those
 * of {@code validation.PromiseValidator}; objects still carry {@link Unstructured} ({@code @SchemaFrom}).
 */
@PreserveUnknownFields
@ValidationRule(value = PipelineSchema.IS_A_PIPELINE,
        messageExpression = "'unsupported pipeline: apiVersion ' + (has(self.apiVersion) ? self.apiVersion : 'null')"
                + " + ', kind ' + (has(self.kind) ? self.kind : 'null') + ' (expected platform.kratix.io/v1alpha1 Pipeline)'")
@ValidationRule(value = "!(" + PipelineSchema.IS_A_PIPELINE + ") || (has(self.metadata) && has(self.metadata.name) && self.metadata.name != '')",
        message = "pipeline has no metadata.name")
@ValidationRule(value = "!(" + PipelineSchema.IS_A_PIPELINE + ") || (has(self.spec) && has(self.spec.containers) && size(self.spec.containers) > 0)",
        messageExpression = "'pipeline \"' + (has(self.metadata) && has(self.metadata.name) ? self.metadata.name : '') + '\" has no containers'")
public final class PipelineSchema {
    static final String IS_A_PIPELINE = "has(self.apiVersion) && self.apiVersion == 'platform.kratix.io/v1alpha1'"
            + " && has(self.kind) && self.kind == 'Pipeline'";
    /** Kubernetes label syntax: an optional DNS-subdomain prefix and a name of up to 63 characters. */
    static final String LABEL_KEY = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

    @JsonPropertyDescription("platform.kratix.io/v1alpha1.")
    public String apiVersion;
    @JsonPropertyDescription("Pipeline.")
    public String kind;
    @JsonPropertyDescription("The pipeline's name (unique per workflow) and labels.")
    public Metadata metadata;
    @JsonPropertyDescription("The pipeline's containers, volumes, RBAC and Job options.")
    public Spec spec;

    private PipelineSchema() {
    }

    @PreserveUnknownFields
    public static final class Metadata {
        @JsonPropertyDescription("Name of the pipeline; <promise>-<type>-<action>-<name> names its ServiceAccount and must stay within 60 characters.")
        @Size(max = 63)
        public String name;
        @JsonPropertyDescription("Labels put on the pipeline's Jobs and Pods.")
        @Size(max = 64)
        @ValidationRule(value = "self.all(k, size(k) <= 317 && k.matches('" + LABEL_KEY + "'))",
                messageExpression = "'label key \"' + self.filter(k, size(k) > 317 || !k.matches('" + LABEL_KEY + "'))[0] + '\" is not a valid label key'")
        public Map<String, String> labels;
    }

    @PreserveUnknownFields
    public static final class Spec {
        @JsonPropertyDescription("The containers run in order; at least one.")
        public List<Unstructured> containers;
    }
}
