package dev.pledge.validation;

import java.util.regex.Pattern;

/**
 * The name rule for Promises and Destinations: an RFC 1123 label, as Kubernetes requires of label values and
 * Service names. Both names end up in {@code kratix.io/*} label values and in the names of generated objects, so
 * a name the API server accepts (up to 253 characters, with dots) can still break every write after it.
 */
public final class KubernetesName {
    public static final int MAX_LENGTH = 63;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private KubernetesName() {
    }

    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    /** What keeps the text from being a label value, or {@code null} when it can be one. */
    public static String labelValueProblem(String value) {
        if (value == null || LABEL_VALUE.matcher(value).matches()) {
            return null;
        }
        return value.length() > MAX_LENGTH ? "is " + value.length() + " characters long; a label value holds at most "
                + MAX_LENGTH : "is not a valid label value (letters, digits, '-', '_' and '.', starting and ending "
                + "with a letter or digit)";
    }

    /** What is wrong with the name, or {@code null} when it is a valid name. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "is " + name.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        if (!LABEL.matcher(name).matches()) {
            return "\"" + name + "\" must consist of lower case letters, digits and '-', and start and end with a "
                    + "letter or digit";
        }
        return null;
    }
}
