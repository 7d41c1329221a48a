package dev.pledge.api;

/** When a workflow runs: on create/update (configure) or on deletion (delete). */
public enum WorkflowAction {
    CONFIGURE("configure"), DELETE("delete");

    private final String value;

    WorkflowAction(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
