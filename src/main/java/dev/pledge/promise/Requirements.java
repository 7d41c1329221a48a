package dev.pledge.promise;

import static dev.pledge.api.KratixConditions.REQUIREMENT_INSTALLED;
import static dev.pledge.api.KratixConditions.REQUIREMENT_NOT_AT_VERSION;
import static dev.pledge.api.KratixConditions.REQUIREMENT_NOT_AVAILABLE;
import static dev.pledge.api.KratixConditions.REQUIREMENT_NOT_INSTALLED;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseSpec.RequiredPromise;
import dev.pledge.api.PromiseStatus.RequiredPromiseStatus;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code spec.requiredPromises}: each required Promise must exist, carry the asked version in its
 * {@code kratix.io/promise-version} label (when a version is asked), and be Available. Until all are, the Promise
 * is not Available and its resource requests wait.
 */
public final class Requirements {
    private Requirements() {
    }

    /** The state of each requirement, in the order the spec lists them; {@code installed} finds a Promise by name. */
    public static List<RequiredPromiseStatus> states(List<RequiredPromise> required, Function<String, Promise> installed) {
        if (required == null) {
            return List.of();
        }
        return required.stream().map(r -> {
            RequiredPromiseStatus status = new RequiredPromiseStatus();
            status.setName(r.getName());
            status.setVersion(r.getVersion());
            status.setState(state(r, r.getName() == null ? null : installed.apply(r.getName())));
            return status;
        }).toList();
    }

    static String state(RequiredPromise required, Promise found) {
        if (found == null) {
            return REQUIREMENT_NOT_INSTALLED;
        }
        String version = found.getMetadata().getLabels() == null ? null
                : found.getMetadata().getLabels().get(KratixLabels.PROMISE_VERSION);
        if (required.getVersion() != null && !required.getVersion().isEmpty() && !required.getVersion().equals(version)) {
            return REQUIREMENT_NOT_AT_VERSION;
        }
        boolean available = found.getStatus() != null && "Available".equals(found.getStatus().getStatus());
        return available ? REQUIREMENT_INSTALLED : REQUIREMENT_NOT_AVAILABLE;
    }

    /** Null when every requirement is installed, else a sentence naming the ones that are not and why. */
    public static String unmet(List<RequiredPromiseStatus> states) {
        String unmet = states.stream().filter(s -> !REQUIREMENT_INSTALLED.equals(s.getState()))
                .map(s -> s.getName() + (s.getVersion() == null || s.getVersion().isEmpty() ? "" : " " + s.getVersion())
                        + ": " + s.getState())
                .collect(Collectors.joining(", "));
        return unmet.isEmpty() ? null : "Waiting for required Promises: " + unmet;
    }
}
