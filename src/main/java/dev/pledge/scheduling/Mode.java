package dev.pledge.scheduling;

/** How many of the matching Destinations a workload group goes to. */
public enum Mode {
    /** Every matching Destination; the set follows the Destinations as they come, go and change labels. */
    ALL("all"),
    /** One matching Destination, picked once; the group never moves afterwards. */
    ONE("one");

    private final String wireName;

    Mode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
