package dev.pledge.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Status writes only when something changed, as a fresh object carrying just identity and status (what
 * server-side apply expects). Comparison is on the JSON the API server would hold, so number types and empty
 * defaults do not count as changes.
 */
final class StatusPatch {

    private StatusPatch() {
    }

    static <S, R extends CustomResource<?, S>> UpdateControl<R> ifChanged(R current, S status, Supplier<R> blank,
            KubernetesSerialization serialization) {
        if (same(serialization, current.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        R patch = blank.get();
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(current.getMetadata().getName());
        metadata.setNamespace(current.getMetadata().getNamespace());
        patch.setMetadata(metadata);
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }

    static boolean same(KubernetesSerialization serialization, Object a, Object b) {
        return Objects.equals(tree(serialization, a), tree(serialization, b));
    }

    private static JsonNode tree(KubernetesSerialization serialization, Object value) {
        return value == null ? null : serialization.unmarshal(serialization.asJson(value), JsonNode.class);
    }
}
