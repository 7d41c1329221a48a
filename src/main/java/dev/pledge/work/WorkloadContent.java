package dev.pledge.work;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a workload's content travels inside Works and WorkPlacements: gzip, then standard base64. The gzip header
 * carries no timestamp, so equal documents always encode to equal text and unchanged Works compare equal.
 */
public final class WorkloadContent {

    private WorkloadContent() {
    }

    public static String encode(String document) {
        return encode(document.getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(byte[] document) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
            gzip.write(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(buffer.toByteArray());
    }

    public static byte[] decode(String content) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(content)))) {
            return gzip.readAllBytes();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("workload content is not gzip+base64: " + e.getMessage());
        }
    }
}
