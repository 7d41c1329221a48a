package dev.pledge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's entry point on a machine with no cluster: one line that names what it tried and what to do, a
 * non-zero exit, no stack trace. Run as users run it, in a child JVM with its own home directory.
 */
class NoClusterTest {
    record Run(int status, List<String> lines, long millis) {
    }

    @TempDir
    Path home;

    @Test
    void withoutAKubeconfigTheOperatorSaysThereIsNoClusterAndExits() throws Exception {
        Run run = operator(null);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("pledge: no Kubernetes cluster configured (" + home.resolve(".kube/config"))
                .contains("not running in a cluster")
                .contains("pledge local")
                .contains("KUBECONFIG");
        System.out.printf("no kubeconfig: exit %d after %d ms%n", run.status(), run.millis());
    }

    @Test
    void aKubeconfigNamingAServerThatIsNotThereGetsOneLineNamingItAndTheFile() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path kubeconfig = home.resolve("elsewhere.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: gone, cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}}]
                users: [{name: me, user: {token: not-a-secret}}]
                contexts: [{name: gone, context: {cluster: gone, user: me}}]
                current-context: gone
                """.formatted(port));

        Run run = operator(kubeconfig);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("pledge: cannot reach the Kubernetes API server at https://127.0.0.1:" + port
                        + " (from kubeconfig " + kubeconfig + ", context gone): ")
                .contains("pledge local")
                .doesNotContain("not-a-secret");
        System.out.printf("unreachable API server: exit %d after %d ms%n", run.status(), run.millis());
    }

    private Run operator(Path kubeconfig) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), "dev.pledge.PledgeMain")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("KUBERNETES_") || key.startsWith("KUBECONFIG")
                || key.startsWith("QUARKUS_KUBERNETES_CLIENT"));
        builder.environment().put("HOME", home.toString());
        if (kubeconfig != null) {
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
        }
        long started = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the operator exits on its own").isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), output.lines().toList(), millis);
    }
}
