package dev.pledge.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** destination-selectors.yaml: the format and every rejection of reference §6.3 case 10, one line each. */
class DestinationSelectorsFileTest {

    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> DestinationSelectorsFile.parse(text))
                .isInstanceOf(InvalidSchedulingInput.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void readsDirectoryEntriesAndTheDefaultEntry() {
        var file = DestinationSelectorsFile.parse("""
                - matchLabels: {environment: production, region: europe}
                - directory: baz/
                  matchLabels: {environment: staging}
                """);
        assertThat(file.rootEntry()).get().extracting(DestinationSelectorsFile.Entry::matchLabels)
                .isEqualTo(Map.of("environment", "production", "region", "europe"));
        assertThat(file.directoryEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.directory()).isEqualTo("baz");
            assertThat(entry.index()).isEqualTo(1);
        });
    }

    @Test
    void emptyFileHasNoEntries() {
        assertThat(DestinationSelectorsFile.parse("").entries()).isEmpty();
        assertThat(DestinationSelectorsFile.parse("[]").entries()).isEmpty();
    }

    @Test
    void dotDirectoryIsTheDefaultEntry() {
        assertThat(DestinationSelectorsFile.parse("- {directory: ./, matchLabels: {a: b}}").rootEntry()).isPresent();
    }

    @Test
    void scalarLabelValuesAreReadAsText() {
        var file = DestinationSelectorsFile.parse("- matchLabels: {pci: true, tier: 1}");
        assertThat(file.rootEntry().orElseThrow().matchLabels()).isEqualTo(Map.of("pci", "true", "tier", "1"));
    }

    @Test
    void rejectsAFileThatIsNotAList() {
        rejects("matchLabels: {a: b}", "not a list: expected a list of {directory, matchLabels} entries, found a mapping");
    }

    @Test
    void rejectsAnEntryWithoutMatchLabelsNamingItsIndex() {
        rejects("""
                - matchLabels: {a: b}
                - directory: foo
                """, "entry with index 1 has no matchLabels");
        rejects("- {directory: foo, matchLabels: {}}", "entry with index 0 has no matchLabels");
    }

    @Test
    void rejectsTwoEntriesForTheSameDirectory() {
        rejects("""
                - {directory: foo, matchLabels: {a: b}}
                - {directory: foo, matchLabels: {c: d}}
                """, "entries with index 0 and 1 both name directory \"foo\"");
    }

    @Test
    void rejectsFooAndFooSlashAsTheSameDirectory() {
        rejects("""
                - {directory: foo/, matchLabels: {a: b}}
                - {directory: foo, matchLabels: {c: d}}
                """, "entries with index 0 and 1 both name directory \"foo\"");
    }

    @Test
    void rejectsTwoEntriesWithoutDirectory() {
        rejects("""
                - matchLabels: {a: b}
                - {directory: foo, matchLabels: {c: d}}
                - matchLabels: {e: f}
                """, "entries with index 0 and 2 both have no directory; only one entry may set the default scheduling");
    }

    @Test
    void rejectsNestedDirectories() {
        rejects("- {directory: foo/bar, matchLabels: {a: b}}",
                "entry with index 0: directory \"foo/bar\" is nested; sub-directories are not allowed, only top-level "
                        + "directories of the output");
    }

    @Test
    void rejectsDirectoriesOutsideTheOutput() {
        rejects("- {directory: /foo, matchLabels: {a: b}}",
                "entry with index 0: directory \"/foo\" must be relative to the output, not absolute");
        rejects("- {directory: ../foo, matchLabels: {a: b}}",
                "entry with index 0: directory \"../foo\" points outside the output");
    }

    @Test
    void rejectsMalformedEntries() {
        rejects("- just-a-string", "entry with index 0 is not a mapping but a string");
        rejects("- matchLabels: [a, b]",
                "entry with index 0: matchLabels must be a mapping of label keys to values, found a list");
        rejects("- matchLabels: {a: {b: c}}", "entry with index 0: the value of matchLabels \"a\" must be a string");
    }

    @Test
    void rejectsUnparseableYamlInOneLine() {
        assertThatThrownBy(() -> DestinationSelectorsFile.parse("- matchLabels: {a: b\n"))
                .isInstanceOf(InvalidSchedulingInput.class)
                .hasMessageStartingWith("unparseable YAML")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
