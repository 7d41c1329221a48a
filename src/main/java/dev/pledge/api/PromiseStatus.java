package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromiseStatus implements HasConditions {
    @JsonPropertyDescription("Observations of the Promise: Available, RequirementsFulfilled, ConfigureWorkflowCompleted, WorksSucceeded, Reconciled, DeleteWorkflowCompleted.")
    @SchemaFrom(type = ConditionSchema[].class)
    private List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("Version of the Promise, from its kratix.io/promise-version label.")
    private String version;
    @JsonPropertyDescription("Kind of the resource requests this Promise's API serves.")
    private String kind;
    /** Lower-cased group/version of the API's storage version. */
    @JsonPropertyDescription("Group and version of the API's storage version, lower case.")
    private String apiVersion;
    /** Available or Unavailable. */
    @JsonPropertyDescription("Available once the API is installed and requirements are met, else Unavailable.")
    private String status;
    @JsonPropertyDescription("A short human-readable summary of the Promise's state.")
    private String message;
    @JsonPropertyDescription("The Promise generation this status describes.")
    private Long observedGeneration;
    @JsonPropertyDescription("When the Promise last became Available.")
    private String lastAvailableTime;
    @JsonPropertyDescription("Number of promise.configure pipelines (deprecated; kept for compatibility).")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private long workflows;
    @JsonPropertyDescription("Number of promise.configure pipelines that succeeded (deprecated; kept for compatibility).")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private long workflowsSucceeded;
    @JsonPropertyDescription("Number of promise.configure pipelines that failed (deprecated; kept for compatibility).")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private long workflowsFailed;
    @JsonPropertyDescription("Each required Promise and whether it is installed.")
    private List<RequiredPromiseStatus> requiredPromises;
    @JsonPropertyDescription("Promises that require this one, written by those Promises.")
    private List<RequiredBy> requiredBy;
    @JsonPropertyDescription("The part of the status that only the operator writes.")
    private KratixStatus kratix;
    @JsonPropertyDescription("How far a change of this Promise has reached its resource requests (a Pledge addition).")
    private Rollout rollout;

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getLastAvailableTime() {
        return lastAvailableTime;
    }

    public void setLastAvailableTime(String lastAvailableTime) {
        this.lastAvailableTime = lastAvailableTime;
    }

    public long getWorkflows() {
        return workflows;
    }

    public void setWorkflows(long workflows) {
        this.workflows = workflows;
    }

    public long getWorkflowsSucceeded() {
        return workflowsSucceeded;
    }

    public void setWorkflowsSucceeded(long workflowsSucceeded) {
        this.workflowsSucceeded = workflowsSucceeded;
    }

    public long getWorkflowsFailed() {
        return workflowsFailed;
    }

    public void setWorkflowsFailed(long workflowsFailed) {
        this.workflowsFailed = workflowsFailed;
    }

    public List<RequiredPromiseStatus> getRequiredPromises() {
        return requiredPromises;
    }

    public void setRequiredPromises(List<RequiredPromiseStatus> requiredPromises) {
        this.requiredPromises = requiredPromises;
    }

    public List<RequiredBy> getRequiredBy() {
        return requiredBy;
    }

    public void setRequiredBy(List<RequiredBy> requiredBy) {
        this.requiredBy = requiredBy;
    }

    public Rollout getRollout() {
        return rollout;
    }

    public void setRollout(Rollout rollout) {
        this.rollout = rollout;
    }

    public KratixStatus getKratix() {
        return kratix;
    }

    public void setKratix(KratixStatus kratix) {
        this.kratix = kratix;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RequiredPromiseStatus {
        @JsonPropertyDescription("Name of the required Promise.")
        private String name;
        @JsonPropertyDescription("Version that was asked for; empty for any.")
        private String version;
        /** "Requirement installed", "Requirement not installed", ... */
        @JsonPropertyDescription("Whether the requirement holds, for example 'Requirement installed' or 'Requirement not installed'.")
        private String state;

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

        public String getState() {
            return state;
        }

        public void setState(String state) {
            this.state = state;
        }
    }

    /** Written onto a required Promise by the Promise that requires it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RequiredBy {
        @JsonPropertyDescription("The Promise that declares the requirement.")
        private PromiseRef promise;
        @JsonPropertyDescription("Version of this Promise that it asks for.")
        private String requiredVersion;

        public PromiseRef getPromise() {
            return promise;
        }

        public void setPromise(PromiseRef promise) {
            this.promise = promise;
        }

        public String getRequiredVersion() {
            return requiredVersion;
        }

        public void setRequiredVersion(String requiredVersion) {
            this.requiredVersion = requiredVersion;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PromiseRef {
        @JsonPropertyDescription("Name of the Promise.")
        private String name;
        @JsonPropertyDescription("Version of the Promise.")
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

    /** The part of the status Kratix owns outright. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class KratixStatus {
        @JsonPropertyDescription("Kind of the resource requests this Promise's API serves.")
        private String kind;
        @JsonPropertyDescription("Version of the Promise.")
        private String version;
        @JsonPropertyDescription("Group and version of the API's storage version, lower case.")
        private String apiVersion;
        @JsonPropertyDescription("Available or Unavailable.")
        private String status;
        @JsonPropertyDescription("When the Promise last became Available.")
        private String lastAvailableTime;
        @JsonPropertyDescription("Progress of the Promise's configure pipelines.")
        private WorkflowsStatus workflows;

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }

        public String getApiVersion() {
            return apiVersion;
        }

        public void setApiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
        }

        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        public String getLastAvailableTime() {
            return lastAvailableTime;
        }

        public void setLastAvailableTime(String lastAvailableTime) {
            this.lastAvailableTime = lastAvailableTime;
        }

        public WorkflowsStatus getWorkflows() {
            return workflows;
        }

        public void setWorkflows(WorkflowsStatus workflows) {
            this.workflows = workflows;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WorkflowsStatus {
        @JsonPropertyDescription("One entry per configure pipeline, in the order they run.")
        private List<PipelineStatus> pipelines;
        @JsonPropertyDescription("Generation at which a pipeline asked to suspend the workflow.")
        private Long suspendedGeneration;

        public List<PipelineStatus> getPipelines() {
            return pipelines;
        }

        public void setPipelines(List<PipelineStatus> pipelines) {
            this.pipelines = pipelines;
        }

        public Long getSuspendedGeneration() {
            return suspendedGeneration;
        }

        public void setSuspendedGeneration(Long suspendedGeneration) {
            this.suspendedGeneration = suspendedGeneration;
        }
    }

    /** Progress of one pipeline; phase is Pending, Running, Succeeded, Failed or Suspended. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PipelineStatus {
        /** One entry per pipeline, in order, from {@code name -> phase}. */
        public static List<PipelineStatus> of(Map<String, String> phases) {
            List<PipelineStatus> pipelines = new ArrayList<>();
            phases.forEach((name, phase) -> {
                PipelineStatus pipeline = new PipelineStatus();
                pipeline.setName(name);
                pipeline.setPhase(phase);
                pipelines.add(pipeline);
            });
            return pipelines;
        }

        @JsonPropertyDescription("Name of the pipeline.")
        private String name;
        @JsonPropertyDescription("Pending, Running, Succeeded, Failed or Suspended.")
        private String phase;
        @JsonPropertyDescription("Why the pipeline is in this phase.")
        private String message;
        @JsonPropertyDescription("When a suspended pipeline will be tried again.")
        private String nextRetryAt;
        @JsonPropertyDescription("How many times the pipeline has been tried.")
        private Integer attempts;
        @JsonPropertyDescription("When the phase last changed.")
        private String lastTransitionTime;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPhase() {
            return phase;
        }

        public void setPhase(String phase) {
            this.phase = phase;
        }

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public String getNextRetryAt() {
            return nextRetryAt;
        }

        public void setNextRetryAt(String nextRetryAt) {
            this.nextRetryAt = nextRetryAt;
        }

        public Integer getAttempts() {
            return attempts;
        }

        public void setAttempts(Integer attempts) {
            this.attempts = attempts;
        }

        public String getLastTransitionTime() {
            return lastTransitionTime;
        }

        public void setLastTransitionTime(String lastTransitionTime) {
            this.lastTransitionTime = lastTransitionTime;
        }
    }

    /**
     * Where a change of the Promise stands across its resource requests (Pledge's addition): how many requests
     * there are, how many ran their configure workflow to the end for the current spec, how many run now, wait
     * for a slot, or failed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Rollout {
        @JsonPropertyDescription("Resource requests of this Promise.")
        private Integer requests;
        @JsonPropertyDescription("Requests whose configure workflow completed for the current Promise spec.")
        private Integer upToDate;
        @JsonPropertyDescription("Requests whose workflow runs now.")
        private Integer running;
        @JsonPropertyDescription("Requests waiting for a free slot under the concurrency limit.")
        private Integer waiting;
        @JsonPropertyDescription("Requests whose workflow failed for the current Promise spec.")
        private Integer failed;

        public Integer getRequests() {
            return requests;
        }

        public void setRequests(Integer requests) {
            this.requests = requests;
        }

        public Integer getUpToDate() {
            return upToDate;
        }

        public void setUpToDate(Integer upToDate) {
            this.upToDate = upToDate;
        }

        public Integer getRunning() {
            return running;
        }

        public void setRunning(Integer running) {
            this.running = running;
        }

        public Integer getWaiting() {
            return waiting;
        }

        public void setWaiting(Integer waiting) {
            this.waiting = waiting;
        }

        public Integer getFailed() {
            return failed;
        }

        public void setFailed(Integer failed) {
            this.failed = failed;
        }
    }
}
