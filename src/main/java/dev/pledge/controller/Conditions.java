package dev.pledge.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Setting a condition the Kubernetes way: its lastTransitionTime moves only when its status changes, so a
 * reconcile that finds nothing new produces an identical list (and no status write).
 */
public final class Conditions {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private Conditions() {
    }

    public static List<Condition> set(List<Condition> current, String type, String status, String reason,
            String message, Long observedGeneration) {
        List<Condition> next = new ArrayList<>(current == null ? List.of() : current);
        Optional<Condition> previous = find(next, type);
        String since = previous.filter(p -> Objects.equals(p.getStatus(), status))
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Condition condition = new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withObservedGeneration(observedGeneration).withLastTransitionTime(since).build();
        previous.ifPresentOrElse(p -> next.set(next.indexOf(p), condition), () -> next.add(condition));
        return next;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** True when the condition of that type exists with exactly this status, reason and message. */
    public static boolean has(List<Condition> conditions, String type, String status, String reason, String message) {
        return find(conditions, type).filter(c -> Objects.equals(c.getStatus(), status)
                && Objects.equals(c.getReason(), reason) && Objects.equals(c.getMessage(), message)).isPresent();
    }
}
