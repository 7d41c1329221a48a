package dev.pledge.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Meters registered twice by the libraries we run on, left out so that a normal start logs no warning.
 *
 * <p>Quarkus binds Micrometer's Netty meters once per Netty event-loop group; since Micrometer 1.16 each binding
 * registers an untagged {@code netty.eventexecutor.workers} gauge, and the second registration logs
 * "This Gauge has been already registered" (quarkusio/quarkus#52014). The gauge is the number of event-loop
 * threads, a configuration constant; denying it means neither registration is kept, so nothing warns.
 */
@ApplicationScoped
public class DuplicateGauges {
    static final String NETTY_WORKERS = "netty.eventexecutor.workers";

    @Produces
    @Singleton
    MeterFilter withoutNettyWorkersGauge() {
        return MeterFilter.deny(id -> NETTY_WORKERS.equals(id.getName()));
    }
}
