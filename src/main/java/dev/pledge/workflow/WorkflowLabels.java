package dev.pledge.workflow;

/** Labels and annotations on pipeline Jobs and the objects made for them, spelled as upstream. */
public final class WorkflowLabels {
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

    private WorkflowLabels() {
    }
}
