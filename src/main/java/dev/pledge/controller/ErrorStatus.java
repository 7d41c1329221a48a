package dev.pledge.controller;

import dev.pledge.api.HasConditions;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.function.Supplier;

/**
 * What every reconciler does with an exception it did not turn into a condition itself: the object's summary
 * condition ({@code Ready}, or {@code Available} for a Promise) goes False with reason {@value #REASON} and a
 * one-line message naming the failure, and the Operator SDK retries as usual. The rest of the status is kept.
 * The message is the exception's own first line, capped; the writers' exceptions are already redacted, so no
 * credential reaches status.
 */
final class ErrorStatus {
    static final String REASON = "ReconcileFailed";
    static final int MAX_MESSAGE = 300;

    private ErrorStatus() {
    }

    static <S extends HasConditions, R extends CustomResource<?, S>> ErrorStatusUpdateControl<R> report(R current,
            String conditionType, Exception e, Supplier<R> blank, Supplier<S> empty,
            KubernetesSerialization serialization) {
        S status = current.getStatus() == null ? empty.get() : serialization.clone(current.getStatus());
        status.setConditions(Conditions.set(status.getConditions(), conditionType, Conditions.FALSE, REASON,
                message(e), current.getMetadata().getGeneration()));
        UpdateControl<R> patch = StatusPatch.ifChanged(current, status, blank, serialization);
        return patch.isPatchStatus() ? ErrorStatusUpdateControl.patchStatus(patch.getResource().orElseThrow())
                : ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    /** {@code Reconcile failed: <exception>: <first line of its message>}, at most {@value #MAX_MESSAGE} characters. */
    static String message(Exception e) {
        Throwable cause = e;
        // the Operator SDK wraps what the reconciler threw
        while (cause.getCause() != null && cause.getClass().getName().startsWith("io.javaoperatorsdk")) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? "" : cause.getMessage().strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline).strip();
        }
        String message = "Reconcile failed: " + cause.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
