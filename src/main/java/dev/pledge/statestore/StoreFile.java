package dev.pledge.statestore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** One plain (decoded) file: a relative path and its bytes. */
public record StoreFile(String path, byte[] content) {

    public StoreFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }

    public static StoreFile text(String path, String content) {
        return new StoreFile(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A workload as a Work carries it: gzip, then standard base64. */
    public static StoreFile fromWorkload(String path, String gzipBase64) {
        return new StoreFile(path, WorkloadContent.decode(path, gzipBase64));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreFile f && path.equals(f.path) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "StoreFile[" + path + ", " + content.length + " bytes]";
    }
}
