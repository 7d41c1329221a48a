package dev.pledge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An API server that goes away after start: said once when it goes, once a minute while away, once when back. */
class OutageTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Optional<String> REFUSED = Optional.of("Connection refused");

    @Test
    void anApiServerThatGoesAwayIsReportedOnceAMinuteAndWhenItIsBack() {
        Outage outage = new Outage("https://127.0.0.1:6443");

        assertThat(outage.observe(T0, Optional.empty())).isEmpty();
        assertThat(outage.observe(T0.plusSeconds(10), REFUSED)).get().asString()
                .isEqualTo("Kubernetes API server https://127.0.0.1:6443 is unreachable (Connection refused);"
                        + " retrying, and saying so once a minute");
        for (int s = 20; s < 70; s += 10) {
            assertThat(outage.observe(T0.plusSeconds(s), REFUSED)).as("quiet at %d s", s).isEmpty();
        }
        assertThat(outage.observe(T0.plusSeconds(70), REFUSED)).get().asString()
                .contains("still unreachable after 60 s");
        assertThat(outage.observe(T0.plusSeconds(80), REFUSED)).isEmpty();
        assertThat(outage.ongoing()).isTrue();

        assertThat(outage.observe(T0.plus(Duration.ofMinutes(5)), Optional.empty())).get().asString()
                .isEqualTo("Kubernetes API server https://127.0.0.1:6443 is reachable again after 4 min");
        assertThat(outage.ongoing()).isFalse();
        assertThat(outage.observe(T0.plus(Duration.ofMinutes(6)), Optional.empty())).isEmpty();
    }
}
