package dev.pledge.workflow.adapter;

import static dev.pledge.api.KratixConditions.CONFIGURE_WORKFLOW_COMPLETED;
import static dev.pledge.api.KratixConditions.INVALID_PIPELINE_OUTPUT;
import static dev.pledge.api.KratixConditions.PENDING;
import static dev.pledge.api.KratixConditions.PIPELINES_COMPLETED;
import static dev.pledge.api.KratixConditions.PIPELINES_EXECUTED_SUCCESSFULLY;
import static dev.pledge.api.KratixConditions.PROMISE_CONFIGURED;
import static dev.pledge.api.KratixConditions.RESOURCE_REQUESTED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pledge.api.PromiseStatus;
import dev.pledge.api.ResourceRequestStatus;
import dev.pledge.api.WorkflowType;
import dev.pledge.workflow.WorkflowPhases;
import dev.pledge.yaml.Yaml;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the status writer does to an object's {@code .status}, as pure functions on its map (§3.5.5): merging a
 * pipeline's {@code status.yaml}, marking the configure workflow complete, and recording a pipeline's failure.
 * Every function returns a new map and leaves its arguments alone.
 */
public final class WorkflowStatus {
    public static final String STATUS_FILE = "status.yaml";
    /** The status key only Kratix writes; a pipeline may not set it. */
    public static final String KRATIX = "kratix";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();
    private static final TypeReference<List<PromiseStatus.PipelineStatus>> PIPELINES = new TypeReference<>() {
    };

    private WorkflowStatus() {
    }

    /** Parses a pipeline's status.yaml: empty means nothing to merge; anything but one mapping is rejected. */
    public static Map<String, Object> parseStatusFile(String text) {
        List<JsonNode> documents;
        try {
            documents = Yaml.documents(text);
        } catch (Yaml.YamlException e) {
            throw new InvalidPipelineOutput(STATUS_FILE, e.getMessage());
        }
        if (documents.isEmpty()) {
            return Map.of();
        }
        if (documents.size() > 1 || !documents.get(0).isObject()) {
            throw new InvalidPipelineOutput(STATUS_FILE, documents.size() > 1
                    ? "found " + documents.size() + " YAML documents, expected one mapping of status fields"
                    : "expected a mapping of status fields, found " + documents.get(0).getNodeType().toString()
                            .toLowerCase());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = Yaml.mapper().convertValue(documents.get(0), LinkedHashMap.class);
        if (fields.containsKey(KRATIX)) {
            throw new InvalidPipelineOutput(STATUS_FILE,
                    "the \"kratix\" key is managed by Kratix and cannot be set by a pipeline; remove it");
        }
        return fields;
    }

    /** Top-level keys of {@code incoming} overwrite; conditions are merged by type, incoming winning. */
    public static Map<String, Object> merge(Map<String, Object> status, Map<String, Object> incoming) {
        Map<String, Object> merged = copy(status);
        incoming.forEach((key, value) -> {
            if ("conditions".equals(key) && value instanceof List<?> conditions
                    && merged.get(key) instanceof List<?> existing) {
                List<Object> result = new ArrayList<>(existing);
                for (Object condition : conditions) {
                    replaceByType(result, condition);
                }
                merged.put(key, result);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /**
     * After a pipeline succeeded: after the last one the configure workflow is complete, a message still
     * {@code Pending} becomes upstream's words, and the completion time is recorded. The phases under
     * {@code kratix.workflows.pipelines} are the controller's (it sees the Jobs) and stay as they are; for a
     * resource request, which fields are whose is {@link ResourceRequestStatus}'s.
     */
    public static Map<String, Object> pipelineSucceeded(Map<String, Object> status, WorkflowType type,
            String pipeline, boolean lastPipeline, String now) {
        Map<String, Object> result = copy(status);
        if (!lastPipeline) {
            return result;
        }
        result = withCondition(result, CONFIGURE_WORKFLOW_COMPLETED, "True", PIPELINES_EXECUTED_SUCCESSFULLY,
                PIPELINES_COMPLETED, now);
        if (type == WorkflowType.RESOURCE) {
            ResourceRequestStatus request = ResourceRequestStatus.from(result);
            if (request.getMessage() == null || PENDING.equals(request.getMessage())) {
                request.setMessage(RESOURCE_REQUESTED);
            }
            request.setLastSuccessfulConfigureWorkflowTime(now);
            request.workflowsStatus().setLastSuccessfulConfigureWorkflowTime(now);
            return request.toMap();
        }
        Object message = result.get("message");
        if (message == null || PENDING.equals(message)) {
            result.put("message", PROMISE_CONFIGURED);
        }
        kratixWorkflows(result).put("lastSuccessfulConfigureWorkflowTime", now);
        return result;
    }

    /**
     * Workflow control (§3.5.5 step 4): a pipeline that suspends or asks for a retry marks its own entry in
     * {@code kratix.workflows.pipelines} Suspended, with the file's message and, for a retry, when it runs again
     * ({@code nextRetryAt}) and how often it asked ({@code attempts}); {@code kratix.workflows.suspendedGeneration}
     * records the generation it suspended at. A pipeline that asks for neither clears what an earlier run of it
     * asked. These are the only parts of {@code kratix} the status writer writes ({@link ResourceRequestStatus}).
     */
    public static Map<String, Object> workflowControl(Map<String, Object> status, WorkflowType type, String pipeline,
            WorkflowControl control, Long generation, Instant now) {
        if (type == WorkflowType.RESOURCE) {
            ResourceRequestStatus request = ResourceRequestStatus.from(copy(status));
            List<PromiseStatus.PipelineStatus> entries = request.workflowsStatus().getPipelines();
            List<PromiseStatus.PipelineStatus> changed = control(entries, pipeline, control, now);
            if (changed == entries) {
                return copy(status);
            }
            request.workflowsStatus().setPipelines(changed);
            if (control.stops()) {
                request.workflowsStatus().setSuspendedGeneration(generation);
            }
            return request.toMap();
        }
        Map<String, Object> result = copy(status);
        Map<String, Object> workflows = result.get(KRATIX) instanceof Map<?, ?> k
                && k.get("workflows") instanceof Map<?, ?> w ? asStringMap(w) : Map.of();
        List<PromiseStatus.PipelineStatus> entries = workflows.get("pipelines") instanceof List<?> list
                ? JSON.convertValue(list, PIPELINES) : null;
        List<PromiseStatus.PipelineStatus> changed = control(entries, pipeline, control, now);
        if (changed == entries) {
            return result;
        }
        Map<String, Object> kratixWorkflows = kratixWorkflows(result);
        kratixWorkflows.put("pipelines", JSON.convertValue(changed, List.class));
        if (control.stops()) {
            kratixWorkflows.put("suspendedGeneration", generation);
        }
        return result;
    }

    /** The entries with this pipeline's changed, or the same list when nothing changes. */
    private static List<PromiseStatus.PipelineStatus> control(List<PromiseStatus.PipelineStatus> entries,
            String pipeline, WorkflowControl control, Instant now) {
        List<PromiseStatus.PipelineStatus> result = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
        int at = -1;
        for (int i = 0; i < result.size(); i++) {
            if (pipeline.equals(result.get(i).getName())) {
                at = i;
            }
        }
        if (!control.stops()) {
            if (at < 0) {
                return entries;
            }
            PromiseStatus.PipelineStatus entry = result.get(at);
            if (entry.getMessage() == null && entry.getAttempts() == null && entry.getNextRetryAt() == null
                    && !WorkflowPhases.SUSPENDED.equals(entry.getPhase())) {
                return entries;
            }
            PromiseStatus.PipelineStatus running = new PromiseStatus.PipelineStatus();
            running.setName(pipeline);
            running.setPhase(WorkflowPhases.RUNNING);
            running.setLastTransitionTime(entry.getLastTransitionTime());
            result.set(at, running);
            return result;
        }
        PromiseStatus.PipelineStatus previous = at < 0 ? null : result.get(at);
        PromiseStatus.PipelineStatus suspended = new PromiseStatus.PipelineStatus();
        suspended.setName(pipeline);
        suspended.setPhase(WorkflowPhases.SUSPENDED);
        suspended.setMessage(control.message());
        suspended.setLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
        Integer attempts = previous == null ? null : previous.getAttempts();
        if (control.retryAfter() != null) {
            suspended.setNextRetryAt(now.plus(control.retryAfter()).truncatedTo(ChronoUnit.SECONDS).toString());
            attempts = attempts == null ? 1 : attempts + 1;
        }
        suspended.setAttempts(attempts);
        if (at < 0) {
            result.add(suspended);
        } else {
            result.set(at, suspended);
        }
        return result;
    }

    /** A rejected metadata file: the configure workflow has failed, and the status message says why. */
    public static Map<String, Object> invalidOutput(Map<String, Object> status, String message, String now) {
        Map<String, Object> result = withCondition(status, CONFIGURE_WORKFLOW_COMPLETED, "False",
                INVALID_PIPELINE_OUTPUT, message, now);
        result.put("message", message);
        return result;
    }

    static Map<String, Object> withCondition(Map<String, Object> status, String type, String value, String reason,
            String message, String now) {
        Map<String, Object> result = copy(status);
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", value);
        condition.put("reason", reason);
        condition.put("message", message);
        condition.put("lastTransitionTime", now);
        List<Object> conditions = result.get("conditions") instanceof List<?> existing ? new ArrayList<>(existing)
                : new ArrayList<>();
        replaceByType(conditions, condition);
        result.put("conditions", conditions);
        return result;
    }

    private static void replaceByType(List<Object> conditions, Object condition) {
        Object type = condition instanceof Map<?, ?> map ? map.get("type") : null;
        for (int i = 0; i < conditions.size(); i++) {
            if (type != null && conditions.get(i) instanceof Map<?, ?> existing && type.equals(existing.get("type"))) {
                conditions.set(i, condition);
                return;
            }
        }
        conditions.add(condition);
    }

    /** {@code status.kratix.workflows} of the (already copied) map, created when missing. */
    private static Map<String, Object> kratixWorkflows(Map<String, Object> status) {
        Map<String, Object> kratix = child(status, KRATIX);
        return child(kratix, "workflows");
    }

    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Map<String, Object> child = parent.get(key) instanceof Map<?, ?> map ? new LinkedHashMap<>(asStringMap(map))
                : new LinkedHashMap<>();
        parent.put(key, child);
        return child;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStringMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> copy(Map<String, Object> status) {
        return status == null ? new LinkedHashMap<>() : new LinkedHashMap<>(status);
    }
}
