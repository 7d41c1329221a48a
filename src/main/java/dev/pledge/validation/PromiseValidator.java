package dev.pledge.validation;

import dev.pledge.api.Pipeline;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseSpec;
import dev.pledge.api.Unstructured;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.api.Workflows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a Promise must satisfy before Pledge accepts it. Each problem is one sentence naming the field and
 * what is wrong, so it can be shown in a status condition, an event or the {@code validate} command.
 */
public final class PromiseValidator {
    /** The pipeline id names the pipeline's ServiceAccount and Roles, so it must stay short. */
    public static final int MAX_PIPELINE_ID_LENGTH = 60;
    public static final Duration MIN_RECONCILIATION_INTERVAL = Duration.ofMinutes(1);

    private PromiseValidator() {
    }

    public static List<String> problems(Promise promise) {
        List<String> problems = new ArrayList<>();
        String name = promise.getMetadata() == null ? null : promise.getMetadata().getName();
        if (name == null || name.isBlank()) {
            problems.add("metadata.name is required");
            name = "";
        } else {
            String nameProblem = KubernetesName.problem(name);
            if (nameProblem != null) {
                problems.add("metadata.name " + nameProblem);
            }
        }
        PromiseSpec spec = promise.getSpec();
        if (spec == null) {
            return problems;
        }
        if (spec.getApi() != null && !spec.getApi().isEmpty()) {
            problems.addAll(ApiCrdRules.problems(spec.getApi()));
        }
        if (spec.getWorkflows() != null) {
            problems.addAll(pipelineProblems(name, spec.getWorkflows()));
            problems.addAll(intervalProblems(spec.getWorkflows()));
        }
        problems.addAll(dependencyProblems(spec.getDependencies()));
        return problems;
    }

    /** {@code <promise>-<type>-<action>-<pipeline>}: names the pipeline's ServiceAccount, Role and bindings. */
    public static String pipelineId(String promise, WorkflowType type, WorkflowAction action, String pipeline) {
        return promise + "-" + type.value() + "-" + action.value() + "-" + pipeline;
    }

    private static List<String> pipelineProblems(String promise, Workflows workflows) {
        List<String> problems = new ArrayList<>();
        for (WorkflowType type : WorkflowType.values()) {
            for (WorkflowAction action : WorkflowAction.values()) {
                String field = "spec.workflows." + type.value() + "." + action.value();
                Set<String> seen = new HashSet<>();
                List<Unstructured> raw = workflows.pipelines(type, action);
                for (int i = 0; i < raw.size(); i++) {
                    Pipeline pipeline;
                    try {
                        pipeline = Pipeline.from(raw.get(i));
                    } catch (IllegalArgumentException e) {
                        problems.add(field + "[" + i + "]: " + e.getMessage());
                        continue;
                    }
                    String pipelineName = pipeline.name();
                    if (pipelineName.isEmpty()) {
                        problems.add(field + "[" + i + "]: pipeline has no metadata.name");
                        continue;
                    }
                    if (!seen.add(pipelineName)) {
                        problems.add(field + ": duplicate pipeline name \"" + pipelineName + "\"");
                    }
                    String id = pipelineId(promise, type, action, pipelineName);
                    if (id.length() > MAX_PIPELINE_ID_LENGTH) {
                        problems.add(field + "[" + i + "]: pipeline id \"" + id + "\" is " + id.length()
                                + " characters, over the limit of " + MAX_PIPELINE_ID_LENGTH
                                + "; shorten the Promise or pipeline name");
                    }
                    problems.addAll(labelProblems(field + "[" + i + "]", pipeline));
                    if (pipeline.getSpec() == null || pipeline.getSpec().getContainers() == null
                            || pipeline.getSpec().getContainers().isEmpty()) {
                        problems.add(field + "[" + i + "]: pipeline \"" + pipelineName + "\" has no containers");
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> labelProblems(String field, Pipeline pipeline) {
        Map<String, String> labels = pipeline.getMetadata().getLabels();
        if (labels == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        labels.forEach((key, value) -> {
            String problem = LabelSyntax.keyProblem(key);
            if (problem == null) {
                problem = LabelSyntax.valueProblem(value);
            }
            if (problem != null) {
                problems.add(field + ".metadata.labels: " + problem);
            }
        });
        return problems;
    }

    private static List<String> intervalProblems(Workflows workflows) {
        if (workflows.getConfig() == null || workflows.getConfig().getReconciliationInterval() == null) {
            return List.of();
        }
        String text = workflows.getConfig().getReconciliationInterval();
        try {
            Duration interval = GoDuration.parse(text);
            if (interval.compareTo(MIN_RECONCILIATION_INTERVAL) < 0) {
                return List.of("spec.workflows.config.reconciliationInterval \"" + text + "\" is shorter than 1m");
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("spec.workflows.config.reconciliationInterval: " + e.getMessage());
        }
    }

    private static List<String> dependencyProblems(List<Unstructured> dependencies) {
        if (dependencies == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < dependencies.size(); i++) {
            Map<String, Object> dependency = dependencies.get(i).asMap();
            if (!(dependency.get("apiVersion") instanceof String) || !(dependency.get("kind") instanceof String)) {
                problems.add("spec.dependencies[" + i + "] is not a Kubernetes object: apiVersion and kind are required");
            }
        }
        return problems;
    }
}
