package dev.pledge.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The Operator SDK's own meters ({@code reconciliations_started_total}, {@code reconciliations_failure_total}, ... by
 * {@code controller_name}) on the application's registry. The extension's default binds them only when the registry
 * binds its MeterBinder, which in the packaged application happens after the operator has taken its metrics: the
 * reconcile meters were then never served (InstallIT checks that the alerts' meters are). Producing them here,
 * from the registry itself, replaces that default.
 */
@ApplicationScoped
public class OperatorSdkMetrics {
    @Produces
    @Singleton
    Metrics operatorSdkMetrics(MeterRegistry registry) {
        return MicrometerMetricsV2.newBuilder(registry).build();
    }
}
