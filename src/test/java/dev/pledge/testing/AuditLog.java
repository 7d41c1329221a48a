package dev.pledge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

/** The test API server's audit log (see {@link ControlPlane#auditLog()}), one completed request per event. */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

    /** A request as "verb resource[/subresource] namespace/name -> code". */
    public record Request(String user, String verb, String resource, String namespace, String name, int code,
            String stageTimestamp) {
        public boolean write() {
            return WRITE_VERBS.contains(verb);
        }

        @Override
        public String toString() {
            return verb + " " + resource + " " + namespace + "/" + name + " -> " + code;
        }
    }

    private AuditLog() {
    }

    /** Every completed request of this user so far. */
    public static List<Request> of(String user) {
        try {
            return Files.readAllLines(ControlPlane.auditLog()).stream().filter(l -> !l.isBlank())
                    .map(AuditLog::parse)
                    .filter(e -> "ResponseComplete".equals(e.path("stage").asText()))
                    .filter(e -> user.equals(e.path("user").path("username").asText()))
                    .map(e -> {
                        JsonNode ref = e.path("objectRef");
                        String sub = ref.path("subresource").asText("");
                        return new Request(user, e.path("verb").asText(),
                                ref.path("resource").asText("") + (sub.isEmpty() ? "" : "/" + sub),
                                ref.path("namespace").asText(""), ref.path("name").asText(""),
                                e.path("responseStatus").path("code").asInt(), e.path("stageTimestamp").asText());
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The request URIs of every list and watch of {@code resource} made with the fabric8 client (the operator and
     * the tests; the control plane's own components, which may run with the admin kubeconfig, use client-go), each
     * once, in order.
     */
    public static List<String> listsAndWatches(String resource) {
        try {
            return Files.readAllLines(ControlPlane.auditLog()).stream().filter(l -> !l.isBlank())
                    .map(AuditLog::parse)
                    .filter(e -> resource.equals(e.path("objectRef").path("resource").asText()))
                    .filter(e -> Set.of("list", "watch").contains(e.path("verb").asText()))
                    .filter(e -> !e.path("user").path("username").asText().startsWith("system:"))
                    .filter(e -> e.path("userAgent").asText().startsWith("fabric8"))
                    .map(e -> e.path("requestURI").asText())
                    .distinct()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
