package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * What a Promise declares. The API, dependencies, pipelines and required promises are kept as the user wrote
 * them (unknown fields preserved) so that nothing is pruned by the API server; typed views live in
 * {@link Pipeline}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.api) || has(self.api)",
        message = "spec.api cannot be removed from an installed Promise: its resource requests would lose their API;"
                + " delete the Promise instead")
public class PromiseSpec {
    /** A whole apiextensions.k8s.io/v1 CustomResourceDefinition. */
    @JsonPropertyDescription("The CustomResourceDefinition (apiextensions.k8s.io/v1) that users request this Promise through. Kept exactly as written. Leave it out for a Promise without an API.")
    @SchemaFrom(type = PromiseApiSchema.class)
    private Unstructured api;
    @JsonPropertyDescription("Pipelines run when the Promise or one of its resource requests is configured or deleted, and settings shared by their Jobs.")
    private Workflows workflows;
    @JsonPropertyDescription("Other Promises that must be installed and Available before this one becomes Available.")
    private List<RequiredPromise> requiredPromises;
    @JsonPropertyDescription("Kubernetes documents delivered as they are to every Destination this Promise selects, as one multi-document file.")
    @SchemaFrom(type = DependencySchema[].class)
    private List<Unstructured> dependencies;
    @JsonPropertyDescription("Label selectors a Destination must match to receive this Promise's documents. Several entries are merged into one; the first entry wins a key both name.")
    private List<Selector> destinationSelectors;

    public Unstructured getApi() {
        return api;
    }

    public void setApi(Unstructured api) {
        this.api = api;
    }

    public Workflows getWorkflows() {
        return workflows;
    }

    public void setWorkflows(Workflows workflows) {
        this.workflows = workflows;
    }

    public List<RequiredPromise> getRequiredPromises() {
        return requiredPromises;
    }

    public void setRequiredPromises(List<RequiredPromise> requiredPromises) {
        this.requiredPromises = requiredPromises;
    }

    public List<Unstructured> getDependencies() {
        return dependencies;
    }

    public void setDependencies(List<Unstructured> dependencies) {
        this.dependencies = dependencies;
    }

    public List<Selector> getDestinationSelectors() {
        return destinationSelectors;
    }

    public void setDestinationSelectors(List<Selector> destinationSelectors) {
        this.destinationSelectors = destinationSelectors;
    }

    /** True when the Promise offers no API: absent, empty or {}. */
    public boolean hasNoApi() {
        return api == null || api.isEmpty();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @PreserveUnknownFields
    public static class RequiredPromise {
        @JsonPropertyDescription("Name of the required Promise.")
        private String name;
        /** Empty means any version. */
        @JsonPropertyDescription("Version the required Promise must be at; empty accepts any version.")
        private String version;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }
    }
}
