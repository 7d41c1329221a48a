package dev.pledge.workflow;

import dev.pledge.api.KratixLabels;

/**
 * Former home of the pipeline Job labels; they live in {@link KratixLabels} now. Kept as aliases only so that
 * branches written against this class still compile; use {@link KratixLabels}.
 */
@Deprecated(forRemoval = true)
public final class WorkflowLabels {
    public static final String WORKFLOW_TYPE = KratixLabels.WORKFLOW_TYPE;
    public static final String WORKFLOW_ACTION = KratixLabels.WORKFLOW_ACTION;
    public static final String HASH = KratixLabels.HASH;
    public static final String PIPELINE_NAMESPACE = KratixLabels.PIPELINE_NAMESPACE;
    public static final String MANAGED_BY = KratixLabels.MANAGED_BY;
    public static final String MANAGED_BY_KRATIX = KratixLabels.MANAGED_BY_KRATIX;
    public static final String JOB_RESOURCE_NAMESPACE = KratixLabels.JOB_RESOURCE_NAMESPACE;
    public static final String JOB_RESOURCE_NAME = KratixLabels.JOB_RESOURCE_NAME;
    public static final String JOB_RESOURCE_KIND = KratixLabels.JOB_RESOURCE_KIND;
    public static final String JOB_RESOURCE_API_VERSION = KratixLabels.JOB_RESOURCE_API_VERSION;

    private WorkflowLabels() {
    }
}
