package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromiseStatus {
    private List<Condition> conditions = new ArrayList<>();
    private String version;
    private String kind;
    /** Lower-cased group/version of the API's storage version. */
    private String apiVersion;
    /** Available or Unavailable. */
    private String status;
    private String message;
    private Long observedGeneration;
    private String lastAvailableTime;
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private long workflows;
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private long workflowsSucceeded;
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private long workflowsFailed;
    private List<RequiredPromiseStatus> requiredPromises;
    private List<RequiredBy> requiredBy;
    private KratixStatus kratix;
    private Rollout rollout;

    public List<Condition> getConditions() {
        return conditions;
    }

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
        private String name;
        private String version;
        /** "Requirement installed", "Requirement not installed", ... */
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
        private PromiseRef promise;
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
        private String name;
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
        private String kind;
        private String version;
        private String apiVersion;
        private String status;
        private String lastAvailableTime;
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
        private List<PipelineStatus> pipelines;
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
        private String name;
        private String phase;
        private String message;
        private String nextRetryAt;
        private Integer attempts;
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
        private Integer requests;
        private Integer upToDate;
        private Integer running;
        private Integer waiting;
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
