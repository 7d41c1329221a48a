package dev.pledge.cli;

import static dev.pledge.cli.PlanRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real entry point in a child JVM: {@code plan} answers without a cluster, without a kubeconfig and without
 * starting the operator.
 */
class PlanEntryPointTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.pledge.PledgeMain", "plan"));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        // nowhere to find a cluster: no kubeconfig, no in-cluster service
        builder.environment().put("KUBECONFIG", "/nonexistent/kubeconfig");
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        Process process = builder.start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void planRunsAsItsOwnProcessWithNoCluster() throws Exception {
        Result result = run(fixture("seed000"));
        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        JsonNode group = new ObjectMapper().readTree(result.out()).path("groups").get(0);
        assertThat(group.path("destinations").toString()).isEqualTo("[\"prod-cluster-1\"]");
        assertThat(group.path("orphaned").toString()).isEqualTo("[\"dev-cluster-1\"]");
    }

    @Test
    void invalidInputExitsOneWithOneLineAndNoStackTrace() throws Exception {
        Path file = fixture("invalid/two-promises.yaml");
        Result result = run(file);
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).singleElement().asString().startsWith("plan: " + file + ": a second Promise");
    }
}
