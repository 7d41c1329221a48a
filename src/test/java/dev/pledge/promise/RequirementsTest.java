package dev.pledge.promise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseSpec.RequiredPromise;
import dev.pledge.api.PromiseStatus;
import dev.pledge.api.PromiseStatus.RequiredPromiseStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code spec.requiredPromises}: the state of each requirement, in upstream's words. */
class RequirementsTest {

    @Test
    void eachRequirementReportsItsStateInUpstreamsWords() {
        Map<String, Promise> installed = Map.of(
                "postgres", promise("postgres", "v1.2", "Available"),
                "redis", promise("redis", "v7", "Unavailable"),
                "kafka", promise("kafka", "v3", "Available"));

        List<RequiredPromiseStatus> states = Requirements.states(List.of(required("postgres", "v1.2"),
                required("redis", ""), required("kafka", "v4"), required("s3", null)), installed::get);

        assertThat(states).extracting(RequiredPromiseStatus::getState).containsExactly(
                "Requirement installed", "Requirement not available",
                "Requirement not installed at the specified version", "Requirement not installed");
        assertThat(Requirements.unmet(states)).isEqualTo("Waiting for required Promises: redis: Requirement not"
                + " available, kafka v4: Requirement not installed at the specified version, s3: Requirement not installed");
    }

    @Test
    void requirementsAreMetWhenEveryRequiredPromiseIsInstalledAndAvailable() {
        List<RequiredPromiseStatus> states = Requirements.states(List.of(required("postgres", null)),
                Map.of("postgres", promise("postgres", null, "Available"))::get);

        assertThat(Requirements.unmet(states)).isNull();
    }

    static RequiredPromise required(String name, String version) {
        RequiredPromise required = new RequiredPromise();
        required.setName(name);
        required.setVersion(version);
        return required;
    }

    static Promise promise(String name, String version, String available) {
        Promise promise = new Promise();
        promise.setMetadata(new ObjectMetaBuilder().withName(name)
                .withLabels(version == null ? Map.of() : Map.of(KratixLabels.PROMISE_VERSION, version)).build());
        PromiseStatus status = new PromiseStatus();
        status.setStatus(available);
        promise.setStatus(status);
        return promise;
    }
}
