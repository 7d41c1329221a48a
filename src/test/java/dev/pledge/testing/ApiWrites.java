package dev.pledge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes the API server accepted, read from its audit log. The control plane's own components (the API server,
 * controller-manager, scheduler) and lease renewals are left out, so what remains during a quiet test window is
 * what the operator wrote.
 */
public final class ApiWrites {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTROL_PLANE_USERS = Set.of("system:apiserver", "system:kube-controller-manager",
            "system:kube-scheduler");
    /** The audit log also holds reads of ServiceAccount users (see ControlPlane); only these count here. */
    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

    private ApiWrites() {
    }

    /** A position in the audit log; writes are counted from here on. */
    public static long mark() {
        try {
            Path log = ControlPlane.auditLog();
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each write since the mark as "verb resource namespace/name", control-plane housekeeping excluded. */
    public static List<String> since(long mark) {
        try {
            byte[] all = Files.readAllBytes(ControlPlane.auditLog());
            String tail = new String(all, (int) mark, all.length - (int) mark, java.nio.charset.StandardCharsets.UTF_8);
            return tail.lines().filter(l -> !l.isBlank()).map(ApiWrites::parse)
                    .filter(e -> "ResponseComplete".equals(e.path("stage").asText()))
                    .filter(e -> WRITE_VERBS.contains(e.path("verb").asText()))
                    .filter(e -> !CONTROL_PLANE_USERS.contains(e.path("user").path("username").asText()))
                    .filter(e -> !e.path("user").path("username").asText().startsWith("system:serviceaccount:kube-system"))
                    .filter(e -> !"leases".equals(e.path("objectRef").path("resource").asText()))
                    .filter(e -> !"nodes".equals(e.path("objectRef").path("resource").asText()))
                    .map(e -> e.path("verb").asText() + " " + e.path("objectRef").path("resource").asText()
                            + subresource(e) + " " + e.path("objectRef").path("namespace").asText("") + "/"
                            + e.path("objectRef").path("name").asText(""))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String subresource(JsonNode event) {
        String sub = event.path("objectRef").path("subresource").asText("");
        return sub.isEmpty() ? "" : "/" + sub;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
