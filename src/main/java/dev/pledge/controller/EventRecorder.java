package dev.pledge.controller;

import dev.pledge.metrics.PledgeMetrics;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Kubernetes events on Pledge's objects, visible with {@code kubectl describe}. Events of cluster-scoped objects
 * go to the {@code default} namespace, where kubectl looks for them. The same event again is counted on the Event
 * already recorded ({@code count}, {@code lastTimestamp}). Messages must never carry secrets.
 */
@ApplicationScoped
public class EventRecorder {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final int MAX_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final PledgeMetrics metrics;

    public EventRecorder(KubernetesClient client, PledgeMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    public void warning(HasMetadata object, String reason, String message) {
        metrics.warning(object.getKind(), reason);
        record(object, WARNING, reason, message);
    }

    public void normal(HasMetadata object, String reason, String message) {
        record(object, NORMAL, reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        String name = eventName(object, type, reason, message);
        String now = Instant.now().toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion())
                        .withKind(object.getKind()).withName(object.getMetadata().getName())
                        .withNamespace(object.getMetadata().getNamespace()).withUid(object.getMetadata().getUid())
                        .build())
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource("pledge", null)
                .build();
        try {
            createOrCount(namespace, event, now);
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", reason, object.getKind(), object.getMetadata().getName(),
                    e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
        }
    }

    /**
     * The same event again (same object, type, reason and message) counts up the Event already there, as
     * {@code kubectl} and the kubelet do, instead of piling up a new object per occurrence. The update carries the
     * resourceVersion it read, so two recorders counting at once retry instead of losing an occurrence.
     */
    private void createOrCount(String namespace, Event event, String now) {
        var events = client.v1().events().inNamespace(namespace);
        String name = event.getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            Event existing = events.withName(name).get();
            try {
                if (existing == null) {
                    events.resource(event).create();
                } else {
                    existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                    existing.setLastTimestamp(now);
                    events.resource(existing).update();
                }
                return;
            } catch (KubernetesClientException e) {
                boolean raced = e.getCode() == HttpURLConnection.HTTP_CONFLICT;
                if (!raced || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * One name per distinct event: the object's name (shortened to leave room) and a hash of what makes the event
     * the same one, so the name is a valid object name whatever the message holds.
     */
    static String eventName(HasMetadata object, String type, String reason, String message) {
        var meta = object.getMetadata();
        String identity = String.join("\u0000", object.getKind(), String.valueOf(meta.getNamespace()), meta.getName(),
                String.valueOf(meta.getUid()), type, reason, message);
        String prefix = meta.getName().length() > 200 ? meta.getName().substring(0, 200) : meta.getName();
        return prefix + "." + sha256(identity).substring(0, 16);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
