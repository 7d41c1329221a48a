package dev.pledge.statestore;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The keys of a state store's Secret. Values never leave through {@link #toString}, and {@link #redact} removes
 * them from any text (such as a library's exception message) before it reaches a log, event or status.
 */
public final class SecretData {
    private static final SecretData EMPTY = new SecretData("", Map.of());
    private static final int SHORTEST_REDACTED = 4;
    /** Keys whose values are not secret and help a reader of an error message. */
    private static final java.util.Set<String> PUBLIC_KEYS = java.util.Set.of("username", "knownHosts");

    private final String source;
    private final Map<String, String> values;

    private SecretData(String source, Map<String, String> values) {
        this.source = source;
        this.values = Map.copyOf(values);
    }

    public static SecretData none() {
        return EMPTY;
    }

    /** Plain values; {@code source} names the Secret ({@code namespace/name}) in error messages. */
    public static SecretData of(String source, Map<String, String> values) {
        return new SecretData(source, values);
    }

    /** A Kubernetes Secret's {@code data} (base64) merged with its {@code stringData}. */
    public static SecretData fromKubernetes(String source, Map<String, String> data, Map<String, String> stringData) {
        Map<String, String> plain = new TreeMap<>();
        if (data != null) {
            data.forEach((k, v) -> plain.put(k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (stringData != null) {
            plain.putAll(stringData);
        }
        return new SecretData(source, plain);
    }

    public Optional<String> value(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String require(String key, String forWhat) throws StateStoreException {
        return value(key).orElseThrow(() -> new StateStoreException(StateStoreException.Reason.INVALID_CONFIGURATION,
                "Secret " + describe() + " has no key '" + key + "' (needed for " + forWhat + ")"));
    }

    /** {@code namespace/name} of the Secret, or a note that none was given. */
    public String describe() {
        return source.isEmpty() ? "(none)" : source;
    }

    /** The text with every secret value (and each of its lines) replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (PUBLIC_KEYS.contains(entry.getKey())) {
                continue;
            }
            String value = entry.getValue();
            result = replace(result, value);
            for (String line : value.split("\\R")) {
                if (line.strip().length() >= SHORTEST_REDACTED) {
                    result = replace(result, line.strip());
                }
            }
        }
        return result;
    }

    /**
     * Every occurrence of a value of {@value #SHORTEST_REDACTED} characters or more; a shorter value only where it
     * stands on its own (not inside a longer word or number), so that a two-letter password is hidden in
     * {@code user:ab@host} without turning every "ab" in a message into stars.
     */
    private static String replace(String text, String secret) {
        if (secret.isEmpty()) {
            return text;
        }
        if (secret.length() >= SHORTEST_REDACTED) {
            return text.replace(secret, "***");
        }
        return java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(secret)
                + "(?![\\p{L}\\p{N}])").matcher(text).replaceAll("***");
    }

    @Override
    public String toString() {
        return "SecretData[" + describe() + ", keys=" + new TreeMap<>(values).keySet() + "]";
    }
}
