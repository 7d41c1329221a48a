package dev.pledge.validation;

import java.util.regex.Pattern;

/** Kubernetes label key and value syntax. */
final class LabelSyntax {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private LabelSyntax() {
    }

    static String keyProblem(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return "label key \"" + key + "\" has an invalid prefix";
            }
        }
        return NAME.matcher(name).matches() ? null : "label key \"" + key + "\" is not a valid label name";
    }

    static String valueProblem(String value) {
        return value == null || value.isEmpty() || NAME.matcher(value).matches() ? null
                : "label value \"" + value + "\" is not a valid label value";
    }
}
