package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.List;

/**
 * What a Promise declares. The API, dependencies, pipelines and required promises are kept as the user wrote
 * them (unknown fields preserved) so that nothing is pruned by the API server; typed views live in
 * {@link Pipeline}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromiseSpec {
    /** A whole apiextensions.k8s.io/v1 CustomResourceDefinition. */
    private Unstructured api;
    private Workflows workflows;
    private List<RequiredPromise> requiredPromises;
    private List<Unstructured> dependencies;
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
        private String name;
        /** Empty means any version. */
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
