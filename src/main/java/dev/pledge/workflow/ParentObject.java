package dev.pledge.workflow;

import dev.pledge.api.Kratix;

/** The object a workflow runs for: a Promise, or a resource request of a Promise's API. */
public record ParentObject(String group, String version, String kind, String plural, String name, String namespace,
        String uid, boolean clusterScoped) {

    public static ParentObject promise(String name, String uid) {
        return new ParentObject(Kratix.GROUP, Kratix.VERSION, "Promise", "promises", name, "", uid, true);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
