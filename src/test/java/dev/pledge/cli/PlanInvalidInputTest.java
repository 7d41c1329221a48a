package dev.pledge.cli;

import static dev.pledge.cli.PlanRun.fixture;
import static dev.pledge.cli.PlanRun.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way {@code plan} input can be wrong: exit 1, nothing on stdout, one line on stderr naming the file. */
class PlanInvalidInputTest {

    @TempDir
    Path tmp;

    private static void rejected(PlanRun run, Path file, String problem) {
        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).endsWith("\n");
        String line = run.err().substring(0, run.err().length() - 1);
        assertThat(line).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(line).startsWith("plan: " + file + ": ").contains(problem);
    }

    private PlanRun planWithSelectors(String selectors, String... outputFiles) throws IOException {
        Path dir = tmp.resolve("out");
        for (String file : outputFiles) {
            write("out/output/" + file, "kind: ConfigMap\n");
        }
        Files.createDirectories(dir.resolve("output"));
        write("out/metadata/destination-selectors.yaml", selectors);
        return plan(fixture("common/promise-dev.yaml"), fixture("common/destinations.yaml"),
                "--promise-workflow-output", dir);
    }

    private Path selectorsFile() {
        return tmp.resolve("out/metadata/destination-selectors.yaml");
    }

    @Test
    void rejectsTwoPromises() {
        Path file = fixture("invalid/two-promises.yaml");
        rejected(plan(file), file, "a second Promise \"second\"");
        Path other = fixture("common/promise-no-selector.yaml");
        rejected(plan(fixture("common/promise-dev.yaml"), other), other, "plan takes exactly one");
    }

    @Test
    void rejectsUnparseableYaml() {
        Path file = fixture("invalid/unparseable.yaml");
        rejected(plan(fixture("common/promise-dev.yaml"), file), file, "unparseable YAML");
    }

    @Test
    void rejectsInputWithoutPromise() {
        PlanRun run = plan(fixture("common/destinations.yaml"));
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("plan: no Promise among " + fixture("common/destinations.yaml"));
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = tmp.resolve("nope.yaml");
        rejected(plan(missing), missing, "no such file or directory");
    }

    @Test
    void rejectsDestinationSelectorsThatAreNotAList() throws IOException {
        rejected(planWithSelectors("matchLabels: {a: b}\n", "a.yaml"), selectorsFile(), "not a list");
    }

    @Test
    void rejectsAnEntryWithoutMatchLabels() throws IOException {
        rejected(planWithSelectors("- matchLabels: {a: b}\n- directory: x\n", "x/a.yaml"), selectorsFile(),
                "entry with index 1 has no matchLabels");
    }

    @Test
    void rejectsDuplicateDirectories() throws IOException {
        rejected(planWithSelectors("- {directory: foo, matchLabels: {a: b}}\n- {directory: foo/, matchLabels: {a: c}}\n",
                "foo/a.yaml"), selectorsFile(), "both name directory \"foo\"");
    }

    @Test
    void rejectsTwoEntriesWithoutDirectory() throws IOException {
        rejected(planWithSelectors("- matchLabels: {a: b}\n- matchLabels: {c: d}\n", "a.yaml"), selectorsFile(),
                "both have no directory");
    }

    @Test
    void rejectsNestedDirectories() throws IOException {
        rejected(planWithSelectors("- {directory: foo/bar, matchLabels: {a: b}}\n", "foo/bar/a.yaml"), selectorsFile(),
                "sub-directories are not allowed");
    }

    @Test
    void rejectsADirectoryThatDoesNotExistInTheOutput() throws IOException {
        rejected(planWithSelectors("- {directory: missing, matchLabels: {a: b}}\n", "a.yaml"), selectorsFile(),
                "directory \"missing\" does not exist in the output");
    }

    @Test
    void rejectsAWorkflowOutputDirectoryThatDoesNotExist() {
        Path missing = tmp.resolve("no-such-dir");
        rejected(plan(fixture("common/promise-dev.yaml"), "--resource-workflow-output", missing), missing,
                "no such directory");
    }

    @Test
    void rejectsAWorkflowOutputWithoutOutputDirectory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        rejected(plan(fixture("common/promise-dev.yaml"), "--promise-workflow-output", dir), dir, "has no output/ directory");
    }

    @Test
    void rejectsTwoResourceRequests() throws IOException {
        Path second = write("second.yaml", "apiVersion: example.com/v1\nkind: App\nmetadata: {name: another}\n");
        rejected(plan(fixture("directory"), second), second, "a second resource request");
    }

    @Test
    void skipsObjectsThatAreNotPartOfAPlanWithANote() throws IOException {
        Path stray = write("stray.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n");
        PlanRun run = plan(fixture("directory"), stray);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.json().path("groups").isArray()).isTrue();
        assertThat(run.err()).startsWith("plan: note: " + stray + ": skipped v1 Secret \"x\"");
    }

    @Test
    void rejectsAnInvalidPromise() throws IOException {
        Path promise = write("p.yaml", """
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata: {name: p}
                spec: {destinationSelector: []}
                """);
        rejected(plan(promise), promise, "unknown field \"destinationSelector\"");
    }

    @Test
    void rejectsAnInvalidDestination() throws IOException {
        Path destination = write("d.yaml", """
                apiVersion: platform.kratix.io/v1alpha1
                kind: Destination
                metadata: {name: d}
                spec: {strictMatchLabels: [yes]}
                """);
        rejected(plan(fixture("common/promise-dev.yaml"), destination), destination,
                "invalid platform.kratix.io/v1alpha1 Destination \"d\": spec.strictMatchLabels: expected true or false");
    }

    @Test
    void rejectsTwoDestinationsWithTheSameName() {
        Path file = fixture("common/destinations.yaml");
        rejected(plan(fixture("common/promise-dev.yaml"), file, file), file, "a second Destination named \"dev-1\"");
    }

    @Test
    void rejectsADocumentThatIsNotAnObject() throws IOException {
        Path list = write("list.yaml", "- a\n- b\n");
        rejected(plan(fixture("common/promise-dev.yaml"), list), list, "document 1 is not a Kubernetes object");
    }

    @Test
    void malformedCommandLineIsAUsageError() {
        PlanRun run = plan("--bogus");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("plan: unknown option --bogus").contains("usage: pledge plan");
        assertThat(plan("--output", "yaml").err()).startsWith("plan: --output must be json or table");
        assertThat(plan("--resource-workflow-output").err()).startsWith("plan: --resource-workflow-output needs a value");
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
