package dev.pledge.api;

/** The environment of every pipeline container: the {@code KRATIX_*} names upstream pipeline images read. */
public final class KratixEnv {
    public static final String WORKFLOW_ACTION = "KRATIX_WORKFLOW_ACTION";
    public static final String WORKFLOW_TYPE = "KRATIX_WORKFLOW_TYPE";
    public static final String PROMISE_NAME = "KRATIX_PROMISE_NAME";
    public static final String PIPELINE_NAME = "KRATIX_PIPELINE_NAME";
    public static final String OBJECT_KIND = "KRATIX_OBJECT_KIND";
    public static final String OBJECT_GROUP = "KRATIX_OBJECT_GROUP";
    public static final String OBJECT_VERSION = "KRATIX_OBJECT_VERSION";
    public static final String OBJECT_NAME = "KRATIX_OBJECT_NAME";
    public static final String OBJECT_NAMESPACE = "KRATIX_OBJECT_NAMESPACE";
    public static final String CRD_PLURAL = "KRATIX_CRD_PLURAL";
    public static final String CLUSTER_SCOPED = "KRATIX_CLUSTER_SCOPED";
    /** Set on the status writer of a workflow's last pipeline. */
    public static final String IS_LAST_PIPELINE = "IS_LAST_PIPELINE";

    private KratixEnv() {
    }
}
