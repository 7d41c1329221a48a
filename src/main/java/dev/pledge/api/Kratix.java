package dev.pledge.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identity of the Kratix API that Pledge serves: group, version, the system namespace, and the one digest Kratix
 * names things with (md5 hex: workload-group ids, desired-state hashes, name suffixes, S3 ETags).
 */
public final class Kratix {
    public static final String GROUP = "platform.kratix.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String CATEGORY = "kratix";
    public static final String SYSTEM_NAMESPACE = "kratix-platform-system";

    private Kratix() {
    }

    /** md5 hex of the UTF-8 bytes of {@code text}. */
    public static String md5(String text) {
        return md5(text.getBytes(StandardCharsets.UTF_8));
    }

    /** md5 hex of {@code bytes}, lower case. */
    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
