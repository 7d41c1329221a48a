package dev.pledge.controller;

import dev.pledge.metrics.PledgeMetrics;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Kubernetes events on Pledge's objects, visible with {@code kubectl describe}. Events of cluster-scoped objects
 * go to the {@code default} namespace, where kubectl looks for them. Messages must never carry secrets.
 */
@ApplicationScoped
public class EventRecorder {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

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
        String now = Instant.now().toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(object.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
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
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", reason, object.getKind(), object.getMetadata().getName(),
                    e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
        }
    }
}
