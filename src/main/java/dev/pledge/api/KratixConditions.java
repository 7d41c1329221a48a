package dev.pledge.api;

/** Condition types, reasons and the fixed status messages of the Kratix API, spelled as upstream. */
public final class KratixConditions {
    // ---- types

    public static final String READY = "Ready";
    public static final String AVAILABLE = "Available";
    public static final String CONFIGURE_WORKFLOW_COMPLETED = "ConfigureWorkflowCompleted";
    public static final String DELETE_WORKFLOW_COMPLETED = "DeleteWorkflowCompleted";
    public static final String RECONCILED = "Reconciled";

    // ---- reasons

    public static final String PIPELINES_EXECUTED_SUCCESSFULLY = "PipelinesExecutedSuccessfully";
    public static final String PIPELINES_IN_PROGRESS = "PipelinesInProgress";
    public static final String CONFIGURE_WORKFLOW_FAILED = "ConfigureWorkflowFailed";
    public static final String DELETE_WORKFLOW_FAILED = "DeleteWorkflowFailed";
    /** Reconciled while {@code kratix.io/paused} is "true"; Available too on a Promise. */
    public static final String PAUSED_RECONCILIATION = "PausedReconciliation";
    /** Reconciled after {@code kratix.io/paused} went, until the run from the first pipeline starts. */
    public static final String UNPAUSED = "Unpaused";
    /** Reconciled (and a Promise's Available) while {@code kratix.io/workflow-suspended} is "true"; also the event's. */
    public static final String WORKFLOW_SUSPENDED = "WorkflowSuspended";
    /** DeleteWorkflowCompleted while the delete pipeline is suspended. */
    public static final String DELETE_WORKFLOW_SUSPENDED = "DeleteWorkflowSuspended";
    /** Pledge's reason for the event of a pipeline attempt that failed while its Job retries. */
    public static final String PIPELINE_ATTEMPT_FAILED = "PipelineAttemptFailed";
    /** Pledge's reason for a metadata file the pipeline adapter rejected. */
    public static final String INVALID_PIPELINE_OUTPUT = "InvalidPipelineOutput";
    /** Pledge's reason while a re-run waits for a slot under the Promise's rollout limit. */
    public static final String WAITING_FOR_ROLLOUT = "WaitingForRollout";

    /** A Promise's condition on whether the Promises it requires are installed and Available. */
    public static final String REQUIREMENTS_FULFILLED = "RequirementsFulfilled";
    public static final String REQUIREMENTS_INSTALLED = "RequirementsInstalled";
    public static final String REQUIREMENTS_NOT_INSTALLED = "RequirementsNotInstalled";
    /** A resource request's condition on whether its Promise's requirements are met. */
    public static final String PROMISE_AVAILABLE = "PromiseAvailable";
    public static final String PROMISE_REQUIREMENTS_NOT_INSTALLED = "PromiseRequirementsNotInstalled";

    // ---- messages

    public static final String PIPELINES_COMPLETED = "Pipelines completed";
    public static final String PIPELINES_STILL_IN_PROGRESS = "Pipelines are still in progress";
    public static final String PENDING = "Pending";
    public static final String PAUSED = "Paused";
    public static final String SUSPENDED = "Suspended";
    public static final String DELETE_WORKFLOW_SUSPENDED_MESSAGE = "The delete workflow is suspended";
    public static final String RESOURCE_REQUESTED = "Resource requested";
    public static final String PROMISE_CONFIGURED = "Promise configured";
    public static final String CONFIGURE_PIPELINE_FAILED = "A Configure Pipeline has failed: ";

    public static final String REQUIREMENTS_FULFILLED_MESSAGE = "Requirements fulfilled";
    public static final String REQUIREMENTS_NOT_FULFILLED_MESSAGE = "Requirements not fulfilled";
    public static final String PROMISE_REQUIREMENTS_NOT_INSTALLED_MESSAGE = "Promise Requirements are not installed";
    public static final String PROMISE_REQUIREMENTS_MET_MESSAGE = "Promise Requirements are met";
    /** The states of {@code status.requiredPromises[].state}. */
    public static final String REQUIREMENT_INSTALLED = "Requirement installed";
    public static final String REQUIREMENT_NOT_INSTALLED = "Requirement not installed";
    public static final String REQUIREMENT_NOT_AT_VERSION = "Requirement not installed at the specified version";
    public static final String REQUIREMENT_NOT_AVAILABLE = "Requirement not available";

    private KratixConditions() {
    }
}
