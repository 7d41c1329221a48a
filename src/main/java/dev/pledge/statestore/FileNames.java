package dev.pledge.statestore;

import java.nio.charset.StandardCharsets;

/**
 * What a file name written to a state store may hold. Control characters (a newline splits the name in every Git
 * log and tool that reads it line by line) and Unicode bidirectional controls (they make a name read differently
 * from what it is) are refused, and so are names longer than a file system takes, so that a pipeline learns of
 * them when it creates its Work, not when a write fails later.
 */
public final class FileNames {
    /** The longest file or directory name common file systems accept, in bytes. */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** The longest path Linux accepts, in bytes. */
    public static final int MAX_PATH_BYTES = 4096;

    private FileNames() {
    }

    /** Why the path cannot be written, or {@code null} when it can. */
    public static String problem(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (isBidiControl(c)) {
                return "contains a Unicode bidirectional control character (U+" + String.format("%04X", (int) c)
                        + ")";
            }
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "is longer than " + MAX_PATH_BYTES + " bytes";
        }
        for (String segment : path.split("/")) {
            int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_SEGMENT_BYTES) {
                return "has a name of " + bytes + " bytes; at most " + MAX_SEGMENT_BYTES + " are allowed";
            }
        }
        return null;
    }

    /** The text with control and bidirectional characters escaped (backslash, u, four hex digits), for messages. */
    public static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || isBidiControl(c)) {
                shown.append(String.format("\\u%04X", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
