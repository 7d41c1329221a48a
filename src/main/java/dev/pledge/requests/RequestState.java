package dev.pledge.requests;

import dev.pledge.api.ResourceRequestStatus;
import java.util.List;
import java.util.Map;

/**
 * A resource request as its controller's informer holds it.
 *
 * @param key {@code namespace/name}
 */
public record RequestState(String key, Long generation, Map<String, String> labels, List<String> finalizers,
        boolean deleting, ResourceRequestStatus status) {
    public RequestState {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
        status = status == null ? new ResourceRequestStatus() : status;
    }

    public String label(String key) {
        return labels.get(key);
    }
}
