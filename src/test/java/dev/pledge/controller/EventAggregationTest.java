package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.metrics.PledgeMetrics;
import dev.pledge.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events on the real API server: a repeated event counts up the Event already there, as kubectl shows it. */
class EventAggregationTest {
    final KubernetesClient client = ControlPlane.client();
    final EventRecorder recorder = new EventRecorder(client, new PledgeMetrics(new SimpleMeterRegistry()));

    @Test
    void theSameEventAgainIncrementsCountAndLastTimestampOfTheOneEvent() throws InterruptedException {
        ConfigMap object = someObject();

        recorder.warning(object, "ConfigureWorkflowFailed", "pipeline Job failed");
        Event first = only(eventsOn(object));
        Thread.sleep(1100); // timestamps have second precision on the wire
        recorder.warning(object, "ConfigureWorkflowFailed", "pipeline Job failed");
        recorder.warning(object, "ConfigureWorkflowFailed", "pipeline Job failed");

        Event counted = only(eventsOn(object));
        assertThat(counted.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
        assertThat(counted.getCount()).isEqualTo(3);
        assertThat(counted.getFirstTimestamp()).isEqualTo(first.getFirstTimestamp());
        assertThat(Instant.parse(counted.getLastTimestamp())).isAfter(Instant.parse(first.getLastTimestamp()));
    }

    @Test
    void aDifferentReasonOrMessageIsItsOwnEvent() {
        ConfigMap object = someObject();

        recorder.warning(object, "ConfigureWorkflowFailed", "pipeline Job failed");
        recorder.warning(object, "ConfigureWorkflowFailed", "pipeline Job timed out");
        recorder.normal(object, "ConfigureWorkflowCompleted", "pipeline Job succeeded");

        List<Event> events = eventsOn(object);
        assertThat(events).extracting(Event::getMessage).containsExactlyInAnyOrder(
                "pipeline Job failed", "pipeline Job timed out", "pipeline Job succeeded");
        assertThat(events).allMatch(e -> e.getCount() == 1);
    }

    @Test
    void theSameEventOnAnotherObjectIsNotCountedOnThisOne() {
        ConfigMap one = someObject();
        ConfigMap other = someObject();

        recorder.warning(one, "ConfigureWorkflowFailed", "pipeline Job failed");
        recorder.warning(other, "ConfigureWorkflowFailed", "pipeline Job failed");

        assertThat(only(eventsOn(one)).getCount()).isEqualTo(1);
        assertThat(only(eventsOn(other)).getCount()).isEqualTo(1);
    }

    @Test
    void aLongObjectNameStillGivesAValidEventName() {
        ConfigMap object = someObject("x".repeat(240) + "-" + UUID.randomUUID().toString().substring(0, 8));

        recorder.warning(object, "ConfigureWorkflowFailed", "pipeline Job failed");
        recorder.warning(object, "ConfigureWorkflowFailed", "pipeline Job failed");

        assertThat(only(eventsOn(object)).getCount()).isEqualTo(2);
    }

    private ConfigMap someObject() {
        return someObject("events-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private ConfigMap someObject(String name) {
        return client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default")
                .endMetadata().build()).create();
    }

    private List<Event> eventsOn(ConfigMap object) {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> object.getMetadata().getUid().equals(e.getInvolvedObject().getUid())).toList();
    }

    private static Event only(List<Event> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
