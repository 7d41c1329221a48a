package dev.pledge.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.scheduling.DestinationSelectorsFile;
import dev.pledge.scheduling.InvalidSchedulingInput;
import dev.pledge.validation.PromiseFile;
import dev.pledge.validation.PromiseValidator;
import dev.pledge.workflow.adapter.InvalidPipelineOutput;
import dev.pledge.workflow.adapter.WorkflowStatus;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Whatever text a user or a pipeline hands over, the YAML loader and the parsers built on it either answer or
 * throw their own error type (the one the callers turn into one line), and none takes more than a second.
 * Inputs are random Unicode, random sequences of YAML's own tokens (anchors, aliases, tags, merge keys, complex
 * keys, flow and block collections, document markers), and well-formed files with one token mutated.
 */
class YamlFuzzTest {
    static final Duration BOUND = Duration.ofSeconds(1);

    @Property(tries = 400)
    void theLoaderThrowsNothingButYamlException(@ForAll("texts") String text) {
        bounded(() -> Yaml.documents(text), Yaml.YamlException.class);
    }

    @Property(tries = 400)
    void theDestinationSelectorsParserThrowsNothingButInvalidSchedulingInput(@ForAll("texts") String text) {
        bounded(() -> DestinationSelectorsFile.parse(text), InvalidSchedulingInput.class);
    }

    @Property(tries = 400)
    void theStatusFileParserThrowsNothingButInvalidPipelineOutput(@ForAll("texts") String text) {
        bounded(() -> WorkflowStatus.parseStatusFile(text), InvalidPipelineOutput.class);
    }

    /** What {@code validate} does with each document: decode it as a Promise, then check the Promise. */
    @Property(tries = 400)
    void thePromiseReaderAndValidatorAnswerWithAProblemNotAnException(@ForAll("promiseTexts") String text) {
        bounded(() -> {
            for (JsonNode document : Yaml.documents(text)) {
                PromiseFile.Result result = PromiseFile.decode(document);
                if (result.promise() != null) {
                    PromiseValidator.problems(result.promise());
                }
            }
        }, Yaml.YamlException.class);
    }

    /** What the first runs found: each of these escaped the loader as a plain runtime exception. */
    @Example
    void theInputsTheFuzzerFoundAreRefusedInOneLine() {
        for (String found : List.of("~: a\n", "[a, {? [b]: c}]", "!!int matchLabels", "!!set a", "!!omap a",
                "key: !!float x\n")) {
            assertThatThrownBy(() -> Yaml.documents(found)).as(found).isInstanceOf(Yaml.YamlException.class)
                    .hasMessageStartingWith("unparseable YAML: ").satisfies(e -> assertThat(e.getMessage()).
                            doesNotContain("\n"));
        }
    }

    private static void bounded(ThrowingCallable parse, Class<? extends RuntimeException> ownError) {
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                parse.call();
            } catch (Throwable e) {
                assertThat(e).as("the parser's own error, with a message").isInstanceOf(ownError);
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(anyUnicode(), yamlTokens(), mutated(List.of(
                "- directory: a\n  matchLabels: {env: dev}\n- matchLabels: {zone: eu}\n",
                "message: hello\nconditions:\n  - {type: Ready, status: \"True\"}\nnested: {a: [1, 2, {b: c}]}\n",
                "a: &x {k: v}\nb: *x\nc: {<<: *x, d: e}\n")));
    }

    @Provide
    Arbitrary<String> promiseTexts() {
        return Arbitraries.oneOf(yamlTokens(), mutated(List.of("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata: {name: redis}
                spec:
                  destinationSelectors: [{matchLabels: {env: dev}}]
                  dependencies: [{apiVersion: v1, kind: Namespace, metadata: {name: redis}}]
                  workflows:
                    resource:
                      configure:
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: instance}
                          spec: {containers: [{name: a, image: example.org/a:v1}]}
                """)));
    }

    private static Arbitrary<String> anyUnicode() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }

    private static final List<String> TOKENS = List.of("a", "b", "key", ":", ": ", " ", "  ", "\n", "\n  ", "- ",
            "-", "[", "]", "{", "}", ",", "&a", "&b", "*a", "*b", "&a [*a]", "? ", "<<: ", "<<: *a", "!!binary ",
            "!!set ", "!!omap ", "!!map ", "!!seq ", "!!str ", "!!int ", "!!float ", "!!timestamp ", "!!null ",
            "!!python/object:os.system ", "!custom ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "---\n", "...\n", "~",
            "null", "true", "no", "0x1F", "0o17", "1e400", ".nan", "-.inf", "2001-12-14t21:59:43.10-05:00", "'",
            "\"", "\"\\u0000\"", "\\", "#", "|", ">", "|-\n  ", "\t", "\r\n", "\u0000", "\uFEFF", "\u202E",
            "kratix", "matchLabels", "directory", "conditions", "apiVersion", "kind", "spec", "metadata", "name",
            "workflows", "containers", "12345678901234567890123", "=");

    private static Arbitrary<String> yamlTokens() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }

    /** A well-formed file with one token inserted, or a stretch removed, somewhere. */
    private static Arbitrary<String> mutated(List<String> seeds) {
        return Arbitraries.of(seeds).flatMap(seed -> Arbitraries.integers().between(0, seed.length()).flatMap(at ->
                Arbitraries.oneOf(
                        Arbitraries.of(TOKENS).map(token -> seed.substring(0, at) + token + seed.substring(at)),
                        Arbitraries.integers().between(at, seed.length())
                                .map(end -> seed.substring(0, at) + seed.substring(end)))));
    }
}
