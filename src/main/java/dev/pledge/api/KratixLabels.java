package dev.pledge.api;

/** Label keys Kratix puts on its objects, spelled as upstream spells them. */
public final class KratixLabels {
    public static final String PROMISE_NAME = "kratix.io/promise-name";
    public static final String RESOURCE_NAME = "kratix.io/resource-name";
    public static final String PIPELINE_NAME = "kratix.io/pipeline-name";
    public static final String WORK = "kratix.io/work";
    public static final String WORKLOAD_GROUP_ID = "kratix.io/workload-group-id";
    public static final String TARGET_DESTINATION_NAME = "kratix.io/targetDestinationName";
    /** On a WorkPlacement whose Destination is no longer targeted (our seed's name; upstream now says misplaced). */
    public static final String ORPHANED = "kratix.io/orphaned";

    private KratixLabels() {
    }
}
