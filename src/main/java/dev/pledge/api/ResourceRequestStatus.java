package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status of a resource request, and who writes each field. Two writers share it, each with fields of its own:
 * <ul>
 * <li>the <b>request controller</b> ({@link Writer#CONTROLLER}): {@code observedGeneration}, the counters
 * {@code workflows}, {@code workflowsSucceeded}, {@code workflowsFailed}, {@code kratix.workflows.pipelines} and
 * {@code destinations}, all derived from the Jobs, Works and WorkPlacements it watches;</li>
 * <li>the <b>status writer</b> in the last container of each pipeline Job ({@link Writer#STATUS_WRITER}): every key
 * the pipeline's {@code status.yaml} sets (including {@code message} and its own conditions),
 * {@code lastSuccessfulConfigureWorkflowTime} and {@code kratix.workflows.lastSuccessfulConfigureWorkflowTime}.</li>
 * </ul>
 * Two fields are handed over along a run instead of shared at one time: {@code message} and the
 * {@code ConfigureWorkflowCompleted} condition. The controller writes them when a run starts (before its first Job
 * exists: "Pending", in progress) or failed (after its Job ended), or while it waits for a rollout slot; between those
 * the run's Jobs own them and the status writer sets the pipeline's message and completion. The controller never
 * writes them when a run completes, so whichever of the Job's completion and the status writer's merge it sees
 * first, the pipeline's words stay.
 * <p>
 * Workflow control hands over one pipeline's entry: a pipeline whose {@code workflow-control.yaml} suspends the
 * workflow or asks for a retry has the status writer mark its own entry of {@code kratix.workflows.pipelines}
 * {@code Suspended} (with {@code message}, {@code nextRetryAt}, {@code attempts}) and write
 * {@code kratix.workflows.suspendedGeneration}, which only it writes. The controller leaves a Suspended entry as it
 * is while the request is labelled {@code kratix.io/workflow-suspended}, and takes it back (Running, keeping
 * {@code attempts}) once it starts that pipeline again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceRequestStatus {
    /** Who writes a field. */
    public enum Writer { CONTROLLER, STATUS_WRITER, HANDED_OVER }

    /** Each known top-level field and its writer; keys not listed are the pipeline's, written by the status writer. */
    public static final Map<String, Writer> WRITERS = Map.of(
            "observedGeneration", Writer.CONTROLLER,
            "workflows", Writer.CONTROLLER,
            "workflowsSucceeded", Writer.CONTROLLER,
            "workflowsFailed", Writer.CONTROLLER,
            "destinations", Writer.CONTROLLER,
            "lastSuccessfulConfigureWorkflowTime", Writer.STATUS_WRITER,
            "message", Writer.HANDED_OVER,
            "conditions", Writer.HANDED_OVER,
            "kratix", Writer.CONTROLLER);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private String message;
    private Long observedGeneration;
    private Long workflows;
    private Long workflowsSucceeded;
    private Long workflowsFailed;
    private List<Condition> conditions;
    private Kratix kratix;
    private String lastSuccessfulConfigureWorkflowTime;
    private List<String> destinations;
    private final Map<String, Object> pipelineFields = new LinkedHashMap<>();

    /** {@code status.kratix}: what only Kratix writes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Kratix {
        private Workflows workflows;

        public Workflows getWorkflows() {
            return workflows;
        }

        public void setWorkflows(Workflows workflows) {
            this.workflows = workflows;
        }
    }

    /** {@code status.kratix.workflows}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Workflows {
        private String lastSuccessfulConfigureWorkflowTime;
        private List<PromiseStatus.PipelineStatus> pipelines;
        private Long suspendedGeneration;

        public String getLastSuccessfulConfigureWorkflowTime() {
            return lastSuccessfulConfigureWorkflowTime;
        }

        public void setLastSuccessfulConfigureWorkflowTime(String time) {
            this.lastSuccessfulConfigureWorkflowTime = time;
        }

        public List<PromiseStatus.PipelineStatus> getPipelines() {
            return pipelines;
        }

        public void setPipelines(List<PromiseStatus.PipelineStatus> pipelines) {
            this.pipelines = pipelines;
        }

        public Long getSuspendedGeneration() {
            return suspendedGeneration;
        }

        public void setSuspendedGeneration(Long suspendedGeneration) {
            this.suspendedGeneration = suspendedGeneration;
        }
    }

    /** Reads a status as the API server returns it (null or not a mapping: an empty status). */
    public static ResourceRequestStatus from(Object status) {
        return status instanceof Map<?, ?> map ? JSON.convertValue(map, ResourceRequestStatus.class)
                : new ResourceRequestStatus();
    }

    /** This status as the mapping the API server stores. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return JSON.convertValue(this, LinkedHashMap.class);
    }

    /** The request's condition of this type, if it has one. */
    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** The pipeline phases as {@code name -> phase}, in order; empty when none were written. */
    @JsonIgnore
    public Map<String, String> phases() {
        Map<String, String> phases = new LinkedHashMap<>();
        if (kratix != null && kratix.getWorkflows() != null && kratix.getWorkflows().getPipelines() != null) {
            kratix.getWorkflows().getPipelines().forEach(p -> phases.put(p.getName(), p.getPhase()));
        }
        return phases;
    }

    /** {@code kratix.workflows}, created when missing. */
    @JsonIgnore
    public Workflows workflowsStatus() {
        if (kratix == null) {
            kratix = new Kratix();
        }
        if (kratix.getWorkflows() == null) {
            kratix.setWorkflows(new Workflows());
        }
        return kratix.getWorkflows();
    }

    /** Sets {@code kratix.workflows.pipelines} from {@code name -> phase}, keeping the rest of {@code kratix}. */
    @JsonIgnore
    public void setPhases(Map<String, String> phases) {
        workflowsStatus().setPipelines(PromiseStatus.PipelineStatus.of(phases));
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

    public Long getWorkflows() {
        return workflows;
    }

    public void setWorkflows(Long workflows) {
        this.workflows = workflows;
    }

    public Long getWorkflowsSucceeded() {
        return workflowsSucceeded;
    }

    public void setWorkflowsSucceeded(Long workflowsSucceeded) {
        this.workflowsSucceeded = workflowsSucceeded;
    }

    public Long getWorkflowsFailed() {
        return workflowsFailed;
    }

    public void setWorkflowsFailed(Long workflowsFailed) {
        this.workflowsFailed = workflowsFailed;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Kratix getKratix() {
        return kratix;
    }

    public void setKratix(Kratix kratix) {
        this.kratix = kratix;
    }

    public String getLastSuccessfulConfigureWorkflowTime() {
        return lastSuccessfulConfigureWorkflowTime;
    }

    public void setLastSuccessfulConfigureWorkflowTime(String time) {
        this.lastSuccessfulConfigureWorkflowTime = time;
    }

    public List<String> getDestinations() {
        return destinations;
    }

    public void setDestinations(List<String> destinations) {
        this.destinations = destinations;
    }

    /** Keys a pipeline set through its status.yaml that are no Kratix field. */
    @JsonAnyGetter
    public Map<String, Object> getPipelineFields() {
        return pipelineFields;
    }

    @JsonAnySetter
    public void setPipelineField(String key, Object value) {
        pipelineFields.put(key, value);
    }
}
