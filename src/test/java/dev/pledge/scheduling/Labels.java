package dev.pledge.scheduling;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test shorthand: {@code Labels.of("env", "dev", "zone", "eu")}. */
final class Labels {
    private Labels() {
    }

    static Map<String, String> of(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
