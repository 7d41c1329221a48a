package dev.pledge.api;

/** Whose workflow: the Promise's own, or a resource request's. */
public enum WorkflowType {
    PROMISE("promise"), RESOURCE("resource");

    private final String value;

    WorkflowType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
