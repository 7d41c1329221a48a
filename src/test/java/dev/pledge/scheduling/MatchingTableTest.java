package dev.pledge.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The eight rows of the table in seed 004, plus the strictMatchLabels rules, one test each. */
class MatchingTableTest {

    private static boolean matches(Map<String, String> destinationLabels, Map<String, String> selector) {
        return EffectiveSelector.of(selector).matches(DestinationView.of("d", destinationLabels));
    }

    @Test
    void unlabelledDestinationMatchesWorkWithNoSelector() {
        assertThat(matches(Map.of(), Map.of())).isTrue();
    }

    @Test
    void labelledDestinationMatchesWorkWithNoSelector() {
        assertThat(matches(Map.of("env", "dev"), Map.of())).isTrue();
    }

    @Test
    void destinationMatchesSelectorWithTheSameLabel() {
        assertThat(matches(Map.of("env", "dev"), Map.of("env", "dev"))).isTrue();
    }

    @Test
    void extraDestinationLabelsDoNotPreventAMatch() {
        assertThat(matches(Map.of("env", "dev", "zone", "eu"), Map.of("env", "dev"))).isTrue();
    }

    @Test
    void destinationMatchesWhenItHasEverySelectorPair() {
        assertThat(matches(Map.of("env", "dev", "zone", "eu"), Map.of("env", "dev", "zone", "eu"))).isTrue();
    }

    @Test
    void differentValueForTheSameKeyDoesNotMatch() {
        assertThat(matches(Map.of("env", "dev"), Map.of("env", "prod"))).isFalse();
    }

    @Test
    void destinationMissingOneSelectorPairDoesNotMatch() {
        assertThat(matches(Map.of("env", "dev"), Map.of("env", "dev", "zone", "eu"))).isFalse();
    }

    @Test
    void unlabelledDestinationDoesNotMatchAnySelector() {
        assertThat(matches(Map.of(), Map.of("env", "dev"))).isFalse();
    }

    @Test
    void strictDestinationNeverReceivesWorkWithNoSelector() {
        assertThat(EffectiveSelector.NONE.matches(DestinationView.strict("s", Map.of("env", "dev")))).isFalse();
    }

    @Test
    void strictDestinationWithoutLabelsStillRejectsWorkWithNoSelector() {
        // our seed's rule; upstream's code would send unselected work here
        assertThat(EffectiveSelector.NONE.matches(DestinationView.strict("s", Map.of()))).isFalse();
    }

    @Test
    void strictDestinationReceivesWorkThatSelectsIt() {
        assertThat(EffectiveSelector.of(Map.of("env", "dev")).matches(DestinationView.strict("s", Map.of("env", "dev"))))
                .isTrue();
    }

    @Test
    void mismatchNamesEveryMissingOrDifferentLabel() {
        var selector = EffectiveSelector.of(Map.of("env", "prod", "region", "eu"));
        assertThat(selector.mismatch(DestinationView.of("d", Map.of("env", "dev"))))
                .contains("missing label env=prod (has env=dev), missing label region=eu");
        assertThat(EffectiveSelector.NONE.mismatch(DestinationView.strict("s", Map.of())))
                .contains("strictMatchLabels and the work has no selector");
        assertThat(selector.mismatch(DestinationView.of("d", Map.of("env", "prod", "region", "eu", "x", "y"))))
                .isEmpty();
    }
}
