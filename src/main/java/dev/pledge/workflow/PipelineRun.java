package dev.pledge.workflow;

import dev.pledge.api.Pipeline;
import dev.pledge.api.Selector;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.validation.PromiseValidator;
import java.util.List;
import java.util.Map;

/**
 * One pipeline of one workflow about to run.
 *
 * @param namespace where the Job runs: the Promise's pipelineNamespace, else the system namespace (promise
 *        workflows) or the request's namespace (resource workflows)
 * @param pipelineNamespaceSet whether the Promise set {@code spec.workflows.config.pipelineNamespace}
 * @param hash the desired-state hash the Job is labelled with
 * @param promiseWorkflowSelectors the root selectors the Promise's own configure workflow chose; they become the
 *        default of every resource request (handed to the work creator through the scheduling ConfigMap)
 */
public record PipelineRun(String promiseName, WorkflowType type, WorkflowAction action, Pipeline pipeline,
        boolean lastPipeline, ParentObject parent, String namespace, boolean pipelineNamespaceSet,
        List<Selector> promiseSelectors, String hash, Map<String, String> promiseWorkflowSelectors) {

    public PipelineRun {
        promiseWorkflowSelectors = promiseWorkflowSelectors == null ? Map.of() : Map.copyOf(promiseWorkflowSelectors);
    }

    /** A run with no promise-workflow default selectors. */
    public PipelineRun(String promiseName, WorkflowType type, WorkflowAction action, Pipeline pipeline,
            boolean lastPipeline, ParentObject parent, String namespace, boolean pipelineNamespaceSet,
            List<Selector> promiseSelectors, String hash) {
        this(promiseName, type, action, pipeline, lastPipeline, parent, namespace, pipelineNamespaceSet,
                promiseSelectors, hash, Map.of());
    }

    /** {@code <promise>-<type>-<action>-<pipeline>}: names the ServiceAccount and the generated RBAC. */
    public String id() {
        return PromiseValidator.pipelineId(promiseName, type, action, pipeline.name());
    }

    public boolean isResource() {
        return type == WorkflowType.RESOURCE;
    }

    /** The request's namespace is named in Jobs and Works only when the pipeline runs elsewhere. */
    public boolean namesResourceNamespace() {
        return isResource() && pipelineNamespaceSet;
    }
}
