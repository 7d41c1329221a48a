package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The schema the Promise CRD publishes for one of {@code spec.dependencies}: kept as written, but it must be a
 * Kubernetes object (the rule of {@code validation.PromiseValidator}, checked by the API server).
 */
@PreserveUnknownFields
@ValidationRule(value = "has(self.apiVersion) && has(self.kind)",
        message = "is not a Kubernetes object: apiVersion and kind are required")
public final class DependencySchema {
    @JsonPropertyDescription("API version of the document.")
    public String apiVersion;
    @JsonPropertyDescription("Kind of the document.")
    public String kind;

    private DependencySchema() {
    }
}
