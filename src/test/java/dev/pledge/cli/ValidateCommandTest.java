package dev.pledge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.testing.PromiseCorpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code validate FILE...}: offline checks of Promise files, one line per file. */
class ValidateCommandTest {
    static final Path BAD = Path.of("src/test/resources/validate");

    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run validate(String... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of("validate"), Stream.of(files)).toArray(String[]::new);
        int status = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyPromiseOfOurOwnCorpusIsAccepted() {
        assertEveryFileIsAccepted(PromiseCorpus.own());
    }

    @Tag(PromiseCorpus.MARKETPLACE)
    @Test
    void everyMarketplacePromiseIsAccepted() {
        assertEveryFileIsAccepted(PromiseCorpus.marketplace());
    }

    private static void assertEveryFileIsAccepted(Path dir) {
        List<String> files = PromiseCorpus.files(dir).stream().map(Path::toString).toList();
        Run run = validate(files.toArray(String[]::new));

        assertThat(run.lines()).hasSize(files.size()).allMatch(line -> line.startsWith("OK "), "starts with OK");
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unparseable.yaml              | unparseable YAML:
            wrong-kind.yaml               | wrong kind: expected platform.kratix.io/v1alpha1 Promise, found platform.kratix.io/v1alpha1 Destination
            pipeline-not-a-pipeline.yaml  | spec.workflows.resource.configure[0]: unsupported pipeline: apiVersion batch/v1, kind Job
            duplicate-pipeline-names.yaml | spec.workflows.promise.configure: duplicate pipeline name "install"
            pipeline-id-too-long.yaml     | pipeline id "a-promise-with-a-rather-long-name-resource-configure-provision-everything" is 73 characters, over the limit of 60
            api-cluster-scoped.yaml       | promise api needs to be namespace scoped
            api-no-storage-version.yaml   | no version has storage: true
            name-too-long.yaml            | metadata.name is 300 characters long; at most 63 are allowed
            name-not-a-kubernetes-name.yaml | metadata.name "My_Promise" must consist of lower case letters
            interval-too-short.yaml       | spec.workflows.config.reconciliationInterval "30s" is shorter than 1m
            dependency-not-an-object.yaml | spec.dependencies[0] is not a Kubernetes object: apiVersion and kind are required
            pipeline-label-key-invalid.yaml | label key "bad key" is not a valid label
            """)
    void badPromiseIsRejectedWithAOneLineReason(String file, String reason) {
        Path path = BAD.resolve(file);
        Run run = validate(path.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("FAIL " + path + ": ")
                .contains(reason)
                .doesNotContain("Exception");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void oneBadFileFailsTheRunButEveryFileIsReported() {
        Run run = validate(PromiseCorpus.own("build-server.yaml").toString(), BAD.resolve("wrong-kind.yaml").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).isEqualTo("OK " + PromiseCorpus.own("build-server.yaml") + ": build-server");
        assertThat(run.lines().get(1)).startsWith("FAIL ");
    }

    @Test
    void aMissingFileIsReportedNotThrown() {
        Run run = validate("does/not/exist.yaml");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).singleElement().asString().startsWith("FAIL does/not/exist.yaml: cannot read");
    }

    /** The real entry point, in its own JVM: validate must work with no cluster and without starting the operator. */
    @Test
    void validateRunsFromTheBinaryWithoutACluster() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pledge.PledgeMain", "validate",
                PromiseCorpus.own("build-server.yaml").toString(), BAD.resolve("api-cluster-scoped.yaml").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output.lines().toList()).containsExactly(
                "OK " + PromiseCorpus.own("build-server.yaml") + ": build-server",
                "FAIL " + BAD.resolve("api-cluster-scoped.yaml") + ": cluster-api: spec.api: promise api needs to be namespace scoped (spec.scope is Cluster, must be Namespaced)");
    }

    @Test
    void aMultiDocumentFileIsCheckedPromiseByPromiseAndOtherKindsAreNoted(@TempDir Path dir) throws Exception {
        Path walkthrough = Files.writeString(dir.resolve("walkthrough.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: git-credentials, namespace: default}
                ---
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata: {name: namespace}
                spec:
                  dependencies:
                    - {apiVersion: v1, kind: Namespace, metadata: {name: foo}}
                ---
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata: {name: broken}
                spec: {destinationSelectors: {env: dev}}
                """);
        Run run = validate(walkthrough.toString());

        assertThat(run.lines()).containsExactly("OK " + walkthrough + ": namespace",
                "FAIL " + walkthrough + ": broken: invalid Promise: spec.destinationSelectors: expected a list");
        assertThat(run.err()).contains("skipped document 1 (Secret)");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void aDirectoryIsCheckedFileByFileAndFilesWithoutAPromiseAreNoted(@TempDir Path dir) throws Exception {
        Files.copy(PromiseCorpus.own("build-server.yaml"), dir.resolve("a-promise.yaml"));
        Files.writeString(dir.resolve("b-request.yaml"), "apiVersion: example.com/v1\nkind: App\nmetadata: {name: x}\n");
        Files.writeString(dir.resolve("notes.txt"), "not YAML");
        Run run = validate(dir.toString());

        assertThat(run.lines()).containsExactly("OK " + dir.resolve("a-promise.yaml") + ": build-server");
        assertThat(run.err()).contains(dir.resolve("b-request.yaml") + ": skipped");
        assertThat(run.status()).isZero();
    }
}
