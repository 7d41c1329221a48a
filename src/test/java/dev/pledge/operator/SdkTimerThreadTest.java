package dev.pledge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.testing.ControlPlaneResource;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * An idle operator's timer sleeps until its next task: the Operator SDK's scheduled executor has a core thread once
 * the operator has started. Without one, the JDK's executor polls every 10 ms while a task is pending, which was
 * most of the idle operator's CPU (docs/throughput.md, "Idle").
 */
@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class SdkTimerThreadTest {

    @Inject
    Operator operator;

    @Test
    void theOperatorSdksTimerKeepsACoreThreadSoItSleepsBetweenTasks() {
        ScheduledExecutorService timer = operator.getConfigurationService().getExecutorServiceManager()
                .scheduledExecutorService();

        assertThat(timer).isInstanceOf(ScheduledThreadPoolExecutor.class);
        assertThat(((ScheduledThreadPoolExecutor) timer).getCorePoolSize())
                .as("a core thread waits on the queue until a task is due; a non-core one polls every 10 ms")
                .isEqualTo(1);
    }
}
