package dev.pledge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The meters of one controller run by Pledge's own runtime ({@code dev.pledge.runtime}), each labelled
 * {@code controller}: {@code pledge_controller_queue_depth}, {@code pledge_controller_reconcile_seconds},
 * {@code pledge_controller_errors_total} and {@code pledge_controller_retries_total}; and for a resource-request
 * controller {@code pledge_resource_requests_waiting{promise}}. A controller that stops removes its meters, so a
 * deleted Promise leaves no series behind.
 */
public final class ControllerMetrics implements AutoCloseable {
    /** Buckets of {@code pledge_controller_reconcile_seconds}: from a no-op reconcile to one held up by the API. */
    static final Duration[] RECONCILE_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Timer reconcile;
    private final Counter errors;
    private final Counter retries;
    private final List<Meter> meters = new ArrayList<>();

    public ControllerMetrics(MeterRegistry registry, String controller, Supplier<Number> queueDepth) {
        this.registry = registry;
        Tags tags = Tags.of("controller", controller);
        meters.add(Gauge.builder("pledge.controller.queue.depth", queueDepth)
                .tags(tags).description("Objects waiting in a controller's work queue")
                .register(registry));
        reconcile = Timer.builder("pledge.controller.reconcile").tags(tags).serviceLevelObjectives(RECONCILE_BUCKETS)
                .description("Time one reconcile of one object took, failed or not").register(registry);
        errors = Counter.builder("pledge.controller.errors").tags(tags)
                .description("Reconciles that ended with an error").register(registry);
        retries = Counter.builder("pledge.controller.retries").tags(tags)
                .description("Objects queued again after an error, to be retried after a backoff").register(registry);
        meters.add(reconcile);
        meters.add(errors);
        meters.add(retries);
    }

    /** A meter registry that keeps nothing: for controllers built in tests without one. */
    public static ControllerMetrics none(String controller) {
        return new ControllerMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), controller,
                () -> 0);
    }

    public void reconciled(Duration took) {
        reconcile.record(took);
    }

    public void failed() {
        errors.increment();
    }

    public void retried() {
        retries.increment();
    }

    /** Requests of {@code promise} whose workflow waits for a slot under its rollout limit. */
    public void waitingOnRollout(String promise, Supplier<Number> waiting) {
        meters.add(Gauge.builder("pledge.resource.requests.waiting", waiting).tags("promise", promise)
                .description("Resource requests whose configure workflow waits for a slot under the Promise's"
                        + " rollout limit")
                .register(registry));
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
