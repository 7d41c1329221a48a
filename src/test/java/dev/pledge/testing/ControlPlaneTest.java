package dev.pledge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: Jobs become scheduled Pods, and a Job completes when its Pod is marked Succeeded. */
class ControlPlaneTest {

    @Test
    void aJobRunsToCompletionWhenTheTestPlaysTheKubelet() {
        ControlPlane.startWorkloadControllers();
        KubernetesClient client = ControlPlane.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("harness").endMetadata().build())
                .serverSideApply();
        Job job = new JobBuilder().withNewMetadata().withName("hello").withNamespace("harness").endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("hello").withImage("example.org/hello:v1").endContainer()
                .endSpec().endTemplate().endSpec().build();
        client.resource(job).create();

        Pod pod = await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace("harness")
                .withLabel("job-name", "hello").list().getItems().stream()
                .filter(p -> FakeNode.NAME.equals(p.getSpec().getNodeName())).findFirst().orElse(null), p -> p != null);

        String now = Instant.now().toString();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Succeeded")
                .withStartTime(now)
                .withConditions(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType("Ready")
                        .withStatus("False").withLastTransitionTime(now).withReason("PodCompleted").build()))
                .addNewContainerStatus().withName("hello").withImage("example.org/hello:v1").withReady(false)
                .withRestartCount(0).withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                .withStartedAt(now).withFinishedAt(now).endTerminated().endState().endContainerStatus()
                .build());
        client.pods().resource(pod).updateStatus();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Job done = client.batch().v1().jobs().inNamespace("harness").withName("hello").get();
            assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        });
    }
}
