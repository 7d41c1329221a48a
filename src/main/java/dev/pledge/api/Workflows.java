package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A Promise's workflows: pipelines per type (promise, resource) and action (configure, delete). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Workflows {
    /** Pipeline names are unique within one type and action (they name Jobs and ServiceAccounts). */
    static final String UNIQUE_NAMES = "self.all(p, !has(p.metadata) || !has(p.metadata.name)"
            + " || self.exists_one(q, has(q.metadata) && has(q.metadata.name) && q.metadata.name == p.metadata.name))";
    /** CEL cannot afford to name the duplicate within its cost budget; {@code validate} names it. */
    static final String DUPLICATE_NAME = "duplicate pipeline name: pipeline names must be unique within a workflow";
    /** A duration in Go syntax, as {@code validation.GoDuration} reads it. */
    static final String DURATION = "^(0|([0-9]+([.][0-9]+)?(ns|us|µs|ms|s|m|h))+)$";
    @JsonPropertyDescription("Settings shared by every workflow Job of this Promise.")
    private Config config;
    @JsonPropertyDescription("Pipelines run for each resource request of the Promise's API.")
    private Actions resource;
    @JsonPropertyDescription("Pipelines run for the Promise itself.")
    private Actions promise;

    public Config getConfig() {
        return config;
    }

    public void setConfig(Config config) {
        this.config = config;
    }

    public Actions getResource() {
        return resource;
    }

    public void setResource(Actions resource) {
        this.resource = resource;
    }

    public Actions getPromise() {
        return promise;
    }

    public void setPromise(Actions promise) {
        this.promise = promise;
    }

    /** The raw pipeline objects of one type and action, never null. */
    @JsonIgnore
    public List<Unstructured> pipelines(WorkflowType type, WorkflowAction action) {
        Actions actions = type == WorkflowType.PROMISE ? promise : resource;
        if (actions == null) {
            return List.of();
        }
        List<Unstructured> raw = action == WorkflowAction.CONFIGURE ? actions.configure : actions.delete;
        return raw == null ? List.of() : raw;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Config {
        /** Namespace of every workflow Job of the Promise; must already exist. */
        @JsonPropertyDescription("Namespace that every workflow Job of this Promise runs in, for the Promise and its requests alike. It must exist beforehand.")
        private String pipelineNamespace;
        /** How often configure workflows re-run (a duration such as 10h). */
        @JsonPropertyDescription("How often configure workflows run again when nothing changed, as a duration such as 10h; at least 1m.")
        @ValidationRule(value = "self.matches('" + DURATION + "')",
                messageExpression = "'\"' + self + '\" is not a duration such as 90s, 10m or 1h30m'")
        @ValidationRule(value = "!self.matches('" + DURATION + "') || duration(self) >= duration('1m')",
                messageExpression = "'\"' + self + '\" is shorter than 1m'")
        private String reconciliationInterval;

        public String getPipelineNamespace() {
            return pipelineNamespace;
        }

        public void setPipelineNamespace(String pipelineNamespace) {
            this.pipelineNamespace = pipelineNamespace;
        }

        public String getReconciliationInterval() {
            return reconciliationInterval;
        }

        public void setReconciliationInterval(String reconciliationInterval) {
            this.reconciliationInterval = reconciliationInterval;
        }
    }

    /** Pipelines, kept unstructured as written; {@link Pipeline#from} gives the typed view. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Actions {
        @JsonPropertyDescription("Pipelines (platform.kratix.io/v1alpha1 Pipeline objects) run in order when the object is created or changes.")
        @SchemaFrom(type = PipelineSchema[].class)
        @Size(max = 32)
        @ValidationRule(value = Workflows.UNIQUE_NAMES, message = Workflows.DUPLICATE_NAME)
        private List<Unstructured> configure;
        @JsonPropertyDescription("Pipelines (platform.kratix.io/v1alpha1 Pipeline objects) run before the object is removed.")
        @SchemaFrom(type = PipelineSchema[].class)
        @Size(max = 32)
        @ValidationRule(value = Workflows.UNIQUE_NAMES, message = Workflows.DUPLICATE_NAME)
        private List<Unstructured> delete;

        public List<Unstructured> getConfigure() {
            return configure;
        }

        public void setConfigure(List<Unstructured> configure) {
            this.configure = configure;
        }

        public List<Unstructured> getDelete() {
            return delete;
        }

        public void setDelete(List<Unstructured> delete) {
            this.delete = delete;
        }
    }
}
