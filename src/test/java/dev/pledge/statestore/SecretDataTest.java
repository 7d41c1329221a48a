package dev.pledge.statestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secret values are removed from any text before it reaches a log, event or status. */
class SecretDataTest {

    @Test
    void secretValuesUnderFourCharactersAreRedactedToo() {
        SecretData secret = SecretData.of("default/git", Map.of("username", "ops", "password", "ab"));

        assertThat(secret.redact("https://ops:ab@git.example.org/repo.git: not authorized"))
                .isEqualTo("https://ops:***@git.example.org/repo.git: not authorized");
        assertThat(secret.redact("password ab rejected")).isEqualTo("password *** rejected");
    }

    @Test
    void aShortValueIsRedactedWhereItStandsAloneNotInsideOtherWords() {
        SecretData secret = SecretData.of("default/git", Map.of("password", "ab"));

        assertThat(secret.redact("about the abc table")).isEqualTo("about the abc table");
    }

    @Test
    void longValuesAreRedactedWhereverTheyAppear() {
        SecretData secret = SecretData.of("default/git", Map.of("password", "s3cr3t-Pass"));

        assertThat(secret.redact("xs3cr3t-Passx")).isEqualTo("x***x");
    }

    @Test
    void usernamesStayVisibleToHelpTheReader() {
        SecretData secret = SecretData.of("default/git", Map.of("username", "ops", "password", "s3cr3t-Pass"));

        assertThat(secret.redact("user ops denied")).isEqualTo("user ops denied");
    }
}
