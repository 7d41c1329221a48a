package dev.pledge.operator;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jboss.logging.Logger;

/**
 * Keeps the Operator SDK's timer thread asleep between its tasks. The SDK (5.3) schedules a check of each informer's
 * temporary cache every three minutes on {@code Executors.newScheduledThreadPool(0)}. With no core thread, the JDK's
 * scheduled executor keeps its one worker polling with a 10 ms keep-alive while a task is pending, so that thread
 * woke 100 times a second in an idle operator: 0.33 CPU seconds a minute, more than half of all idle CPU
 * (docs/throughput.md). One core thread instead sleeps until the next task is due; the tasks and their timing are
 * unchanged.
 */
@ApplicationScoped
public class SdkTimerThread {
    private static final Logger LOG = Logger.getLogger(SdkTimerThread.class);

    /** After the extension has started the operator (its own observer has priority 3123). */
    void keepOneCoreThread(@Observes @Priority(3200) StartupEvent started, Instance<Operator> operator) {
        if (!operator.isResolvable()) {
            return;
        }
        ScheduledExecutorService timer = operator.get().getConfigurationService().getExecutorServiceManager()
                .scheduledExecutorService();
        if (timer instanceof ScheduledThreadPoolExecutor pool && pool.getCorePoolSize() == 0) {
            pool.setCorePoolSize(1);
        } else {
            LOG.debugf("the Operator SDK's timer is %s; left as it is", timer);
        }
    }
}
