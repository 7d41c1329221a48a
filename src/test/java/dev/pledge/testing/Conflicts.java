package dev.pledge.testing;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** A test's own edits race with the operator's status writes; like kubectl edit, try again on a conflict. */
public final class Conflicts {

    private Conflicts() {
    }

    public static <T> T retry(Supplier<T> edit) {
        for (int attempt = 1;; attempt++) {
            try {
                return edit.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
