package dev.pledge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.metrics.ControllerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime of run-time controllers, with a reconciler written by each test and no Kubernetes. */
class ControllerTest {
    static final Duration GUARD = Duration.ofSeconds(10);
    final MeterRegistry registry = new SimpleMeterRegistry();
    final ManualDelays delays = new ManualDelays();
    final LeaderGate gate = new LeaderGate(true);
    Controller controller;

    Controller start(int workers, Controller.Reconciler reconciler) {
        controller = new Controller(new Controller.Settings("test", workers,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), gate, delays), reconciler,
                queue -> new ControllerMetrics(registry, "test", queue::depth)).start();
        return controller;
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void oneKeyIsNeverReconciledByTwoWorkersAtOnceWhileOtherKeysRunBesideIt() throws Exception {
        Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
        AtomicInteger mostAtOnceForOneKey = new AtomicInteger();
        AtomicInteger mostAtOnceOverall = new AtomicInteger();
        AtomicInteger overall = new AtomicInteger();
        AtomicInteger reconciles = new AtomicInteger();
        start(4, key -> {
            int now = inside.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            mostAtOnceForOneKey.accumulateAndGet(now, Math::max);
            mostAtOnceOverall.accumulateAndGet(overall.incrementAndGet(), Math::max);
            Thread.sleep(20);
            overall.decrementAndGet();
            inside.get(key).decrementAndGet();
            reconciles.incrementAndGet();
            return Result.done();
        });

        for (int round = 0; round < 20; round++) {
            for (String key : List.of("a", "b", "c", "d")) {
                controller.enqueue(key);
            }
            Thread.sleep(5);
        }

        await().atMost(GUARD).until(() -> reconciles.get() >= 8 && registry.get("pledge.controller.queue.depth")
                .gauge().value() == 0 && overall.get() == 0);
        assertThat(mostAtOnceForOneKey.get()).as("workers on one key at once").isEqualTo(1);
        assertThat(mostAtOnceOverall.get()).as("workers busy at once on different keys").isGreaterThan(1);
    }

    @Test
    void aKeyAddedWhileItIsReconciledIsReconciledOnceMoreAfterwardsNotTwice() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        start(2, key -> {
            seen.add(key);
            if (seen.size() == 1) {
                entered.countDown();
                release.await(GUARD.toSeconds(), TimeUnit.SECONDS);
            }
            return Result.done();
        });
        controller.enqueue("a");
        assertThat(entered.await(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
        controller.enqueue("a");
        controller.enqueue("a");
        controller.enqueue("a");
        release.countDown();

        await().atMost(GUARD).until(() -> seen.size() == 2);
        controller.enqueue("b");
        await().atMost(GUARD).until(() -> seen.contains("b"));
        assertThat(seen).containsExactly("a", "a", "b");
    }

    @Test
    void aFailingKeyIsRetriedWithDoublingWaitsUpToTheCap() {
        AtomicInteger attempts = new AtomicInteger();
        start(1, key -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("the API server said no");
        });
        controller.enqueue("broken");
        for (int attempt = 1; attempt <= 6; attempt++) {
            int expected = attempt;
            await().atMost(GUARD).until(() -> attempts.get() == expected && delays.pending() == 1);
            if (attempt < 6) {
                delays.elapse();
            }
        }

        assertThat(delays.requested()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(registry.get("pledge.controller.errors").tag("controller", "test").counter().count()).isEqualTo(6);
        assertThat(registry.get("pledge.controller.retries").tag("controller", "test").counter().count()).isEqualTo(6);
        assertThat(registry.get("pledge.controller.reconcile").timer().count()).isEqualTo(6);
    }

    @Test
    void aSuccessForgetsEarlierFailures() {
        AtomicInteger attempts = new AtomicInteger();
        start(1, key -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("not yet");
            }
            return Result.done();
        });
        controller.enqueue("flaky");
        await().atMost(GUARD).until(() -> delays.pending() == 1);
        delays.elapse();
        await().atMost(GUARD).until(() -> attempts.get() == 2 && delays.pending() == 1);
        delays.elapse();
        await().atMost(GUARD).until(() -> attempts.get() == 3);

        await().atMost(GUARD).until(() -> controller.failures("flaky") == 0);
        assertThat(delays.requested()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aReconcileThatAsksToBeLookedAtAgainIsQueuedAfterItsDelay() {
        AtomicInteger attempts = new AtomicInteger();
        start(1, key -> attempts.incrementAndGet() == 1 ? Result.after(Duration.ofSeconds(30)) : Result.done());
        controller.enqueue("periodic");
        await().atMost(GUARD).until(() -> delays.pending() == 1);
        assertThat(attempts.get()).isEqualTo(1);

        delays.elapse();

        await().atMost(GUARD).until(() -> attempts.get() == 2);
        assertThat(delays.requested()).containsExactly(Duration.ofSeconds(30));
        assertThat(registry.get("pledge.controller.errors").counter().count()).isZero();
    }

    @Test
    void nothingIsReconciledWhileThisProcessDoesNotLeadAndQueuedKeysRunOnceItDoes() throws Exception {
        gate.close();
        List<String> seen = new CopyOnWriteArrayList<>();
        start(2, key -> {
            seen.add(key);
            return Result.done();
        });
        controller.enqueue("a");
        controller.enqueue("b");
        // the workers poll the gate every 200 ms: a few polls show they stay put
        Thread.sleep(600);
        assertThat(seen).isEmpty();
        assertThat(registry.get("pledge.controller.queue.depth").gauge().value()).isEqualTo(2);

        gate.open();

        await().atMost(GUARD).until(() -> seen.size() == 2);
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void stoppingAControllerRemovesItsMeters() {
        start(1, key -> Result.done());
        assertThat(registry.find("pledge.controller.queue.depth").tag("controller", "test").gauge()).isNotNull();

        controller.close();

        assertThat(registry.find("pledge.controller.queue.depth").gauge()).isNull();
        assertThat(registry.find("pledge.controller.errors").counter()).isNull();
    }
}
