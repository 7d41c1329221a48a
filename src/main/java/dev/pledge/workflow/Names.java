package dev.pledge.workflow;

import dev.pledge.api.Kratix;
import java.util.UUID;

/**
 * Kubernetes names Kratix derives from longer inputs: cut to 56 characters, trailing non-alphanumerics dropped,
 * then a 5-character suffix — from md5 of the input (deterministic) or from a fresh UUID (random).
 */
public final class Names {
    private static final int KEEP = 56;

    private Names() {
    }

    public static String deterministic(String input) {
        return trimmed(input) + "-" + Kratix.md5(input).substring(0, 5);
    }

    public static String random(String input) {
        return trimmed(input) + "-" + UUID.randomUUID().toString().substring(0, 5);
    }

    static String trimmed(String input) {
        String cut = input.length() > KEEP ? input.substring(0, KEEP) : input;
        int end = cut.length();
        while (end > 0 && !Character.isLetterOrDigit(cut.charAt(end - 1))) {
            end--;
        }
        return cut.substring(0, end);
    }

}
