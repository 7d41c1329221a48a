package dev.pledge.api;

/** Label, annotation and finalizer keys (and their fixed values), spelled exactly as upstream Kratix spells them. */
public final class KratixLabels {
    public static final String PROMISE_NAME = "kratix.io/promise-name";
    public static final String PROMISE_VERSION = "kratix.io/promise-version";
    public static final String RESOURCE_NAME = "kratix.io/resource-name";
    public static final String RESOURCE_NAMESPACE = "kratix.io/resource-namespace";
    public static final String PIPELINE_NAME = "kratix.io/pipeline-name";
    public static final String WORK_TYPE = "kratix.io/work-type";
    public static final String WORK = "kratix.io/work";
    public static final String WORKLOAD_GROUP_ID = "kratix.io/workload-group-id";
    public static final String TARGET_DESTINATION_NAME = "kratix.io/targetDestinationName";
    /** The seed's label for placements whose Destination is no longer targeted. */
    public static final String ORPHANED = "kratix.io/orphaned";

    public static final String WORK_TYPE_STATIC_DEPENDENCY = "static-dependency";
    public static final String WORK_TYPE_PROMISE = "promise";
    public static final String WORK_TYPE_RESOURCE = "resource";

    public static final String LAST_UPDATED_AT = "kratix.io/last-updated-at";

    // ---- labels a user sets on a Promise or a resource request to ask for a run

    /** On a Promise or request: run its configure workflow again from the first pipeline; removed once started. */
    public static final String MANUAL_RECONCILIATION = "kratix.io/manual-reconciliation";
    /** On a Promise: reconcile every one of its resource requests again; removed once asked. */
    public static final String RECONCILE_RESOURCES = "kratix.io/reconcile-resources";
    /** On a request: run its configure workflow again from the first pipeline (what reconcile-resources sets). */
    public static final String RUN_FROM_START = "internal.workflows.kratix.io/run-from-start";
    /**
     * On a Promise or request: set by the status writer when a pipeline's workflow-control file suspends the workflow
     * or asks for a retry; while {@code "true"} no pipeline starts. Removing it resumes the suspended pipeline.
     */
    public static final String WORKFLOW_SUSPENDED = "kratix.io/workflow-suspended";
    /** On a Promise or request: {@code "true"} pauses it: no Jobs start and nothing is written but its conditions. */
    public static final String PAUSED = "kratix.io/paused";

    // ---- pipeline Jobs and the objects made for them

    public static final String WORKFLOW_TYPE = "kratix.io/workflow-type";
    public static final String WORKFLOW_ACTION = "kratix.io/workflow-action";
    public static final String HASH = "kratix.io/hash";
    public static final String PIPELINE_NAMESPACE = "kratix.io/pipeline-namespace";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_KRATIX = "Kratix";
    public static final String JOB_RESOURCE_NAMESPACE = "kratix.io/job-resource-namespace";
    public static final String JOB_RESOURCE_NAME = "kratix.io/job-resource-name";
    public static final String JOB_RESOURCE_KIND = "kratix.io/job-resource-kind";
    public static final String JOB_RESOURCE_API_VERSION = "kratix.io/job-resource-api-version";

    // ---- finalizers

    public static final String PROMISE_CLEANUP_FINALIZER = "kratix.io/dependencies-cleanup";
    public static final String API_CRD_CLEANUP_FINALIZER = "kratix.io/api-crd-cleanup";
    /** On Works, and on requests until their Works are gone. */
    public static final String WORK_CLEANUP_FINALIZER = "kratix.io/work-cleanup";
    /** On requests until their workflow Jobs are no longer needed. */
    public static final String WORKFLOWS_CLEANUP_FINALIZER = "kratix.io/workflows-cleanup";
    /** On requests of a Promise with a resource.delete workflow, until it ran. */
    public static final String DELETE_WORKFLOWS_FINALIZER = "kratix.io/delete-workflows";

    private KratixLabels() {
    }
}
