package dev.pledge.api;

/** Identity of the Kratix API that Pledge serves: group, version and the spellings shared by every kind. */
public final class Kratix {
    public static final String GROUP = "platform.kratix.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String CATEGORY = "kratix";
    public static final String SYSTEM_NAMESPACE = "kratix-platform-system";

    private Kratix() {
    }
}
