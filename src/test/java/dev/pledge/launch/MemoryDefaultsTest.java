package dev.pledge.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When {@code java -jar quarkus-run.jar} starts itself again with Pledge's memory flags, and with what command. */
class MemoryDefaultsTest {
    private static final String JAR = "target/quarkus-app/quarkus-run.jar";

    @Test
    void theJarStartedWithoutAHeapSizeRunsAgainWithTheDefaultsAndKeepsTheUsersOptionsAndArguments() {
        List<String> command = MemoryDefaults.relaunchCommand("/opt/jdk", List.of("-Dquarkus.http.port=0"), JAR,
                JAR + " local --dir /tmp/p", List.of("local", "--dir", "/tmp/p")).orElseThrow();

        assertThat(command.get(0)).isEqualTo("/opt/jdk/bin/java");
        assertThat(command).containsSubsequence(MemoryDefaults.FLAGS);
        assertThat(command).as("the user's options come after the defaults, so theirs win")
                .containsSubsequence("-Xmx80m", "-Dquarkus.http.port=0", "-jar", JAR, "local", "--dir", "/tmp/p");
        assertThat(command.subList(command.indexOf("-jar"), command.size()))
                .containsExactly("-jar", JAR, "local", "--dir", "/tmp/p");
    }

    @Test
    void anyHeapLimitTheUserGaveOptsOut() {
        for (String option : List.of("-Xmx256m", "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=1g", "-XX:MaxHeapSize=300m")) {
            assertThat(MemoryDefaults.relaunchCommand("/opt/jdk", List.of("-XX:+UseSerialGC", option), JAR, JAR,
                    List.of())).as(option).isEmpty();
        }
    }

    @Test
    void aJvmStartedFromAClassPathRatherThanTheJarRunsAsItIs() {
        // tests, IDEs and Quarkus dev mode start the main class from a class path; they bring their own flags
        assertThat(MemoryDefaults.relaunchCommand("/opt/jdk", List.of(), "target/classes:lib/a.jar",
                "dev.pledge.PledgeMain operator", List.of("operator"))).isEmpty();
        assertThat(MemoryDefaults.relaunchCommand("/opt/jdk", List.of(), "lib/a.jar", "dev.pledge.PledgeMain",
                List.of())).isEmpty();
    }

    @Test
    void anInitialHeapSizeAloneDoesNotOptOut() {
        assertThat(MemoryDefaults.limitsHeap("-Xms64m")).isFalse();
        assertThat(MemoryDefaults.limitsHeap("-Xmx64m")).isTrue();
    }
}
