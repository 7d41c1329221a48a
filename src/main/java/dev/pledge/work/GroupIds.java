package dev.pledge.work;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Workload group ids: md5 hex of the group's directory, "." for the root group, as upstream. */
public final class GroupIds {
    public static final String ROOT_DIRECTORY = ".";

    private GroupIds() {
    }

    public static String of(String directory) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(directory.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
