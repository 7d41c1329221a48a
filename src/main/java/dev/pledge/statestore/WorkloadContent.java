package dev.pledge.statestore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The encoding of workload content inside Works and WorkPlacements: gzip, then standard base64. */
public final class WorkloadContent {

    private WorkloadContent() {
    }

    public static byte[] decode(String path, String gzipBase64) {
        try (GZIPInputStream in = new GZIPInputStream(
                new ByteArrayInputStream(Base64.getDecoder().decode(gzipBase64.strip())))) {
            return in.readAllBytes();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("workload '" + path + "' is not gzip+base64 content: " + e.getMessage(), e);
        }
    }

    public static String encode(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
