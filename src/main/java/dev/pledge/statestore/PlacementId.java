package dev.pledge.statestore;

import java.util.Objects;

/**
 * Who a placement is, in the terms the file layout needs: the WorkPlacement's namespace and name, the Promise,
 * the resource request ({@code null} for a Promise's dependencies), the pipeline that produced the files
 * ({@code null} for a Promise's static dependencies) and the workload group's id.
 */
public record PlacementId(String namespace, String name, String promise, String resource, String pipeline,
        String groupId) {

    public PlacementId {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(promise, "promise");
        Objects.requireNonNull(groupId, "groupId");
    }

    public static PlacementId resource(String namespace, String name, String promise, String resource,
            String pipeline, String groupId) {
        return new PlacementId(namespace, name, promise, resource, pipeline, groupId);
    }

    public static PlacementId dependency(String namespace, String name, String promise, String pipeline,
            String groupId) {
        return new PlacementId(namespace, name, promise, null, pipeline, groupId);
    }

    public boolean isResource() {
        return resource != null;
    }

    /** {@code namespace/name}, how logs, errors and commit messages name the placement. */
    public String displayName() {
        return namespace + "/" + name;
    }
}
