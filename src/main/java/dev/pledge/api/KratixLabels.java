package dev.pledge.api;

/** Label, annotation and finalizer keys, spelled exactly as upstream Kratix spells them. */
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

    public static final String PROMISE_CLEANUP_FINALIZER = "kratix.io/dependencies-cleanup";
    public static final String API_CRD_CLEANUP_FINALIZER = "kratix.io/api-crd-cleanup";

    private KratixLabels() {
    }
}
