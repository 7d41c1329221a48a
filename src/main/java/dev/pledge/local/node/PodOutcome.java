package dev.pledge.local.node;

import java.util.List;
import java.util.Map;

/**
 * How one Pod's run ended.
 *
 * @param images the image of every container that ran, in order
 * @param failed the name of the container that failed (or {@code "volumes"}), null when the Pod succeeded
 * @param logs   what each container printed, by container name
 */
public record PodOutcome(String namespace, String pod, String job, List<String> images, String failed, String message,
        Map<String, String> logs) {

    public boolean succeeded() {
        return failed == null;
    }
}
