package dev.pledge.operator;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the operator will find its API server, and whether anything answers there. Checked before Quarkus boots,
 * so that a machine with no cluster gets one line that says so instead of a screen of informer stack traces.
 * Only reachability is checked (a TCP connection); credentials are the operator's own business once it runs.
 */
public final class ClusterAccess {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final String WHAT_TO_DO =
            "Run `pledge local` for a platform on this machine, or point KUBECONFIG at a cluster.";

    /** Where the client configuration came from, in the user's terms, and the API server it names. */
    public record Target(String source, URI server) {
    }

    private ClusterAccess() {
    }

    /** Empty when the configured API server accepts connections, else the one line to print. */
    public static Optional<String> problem(Map<String, String> env) {
        Target target;
        try {
            Optional<Target> configured = target(env);
            if (configured.isEmpty()) {
                return Optional.of("pledge: no Kubernetes cluster configured (" + kubeconfigFiles(env)
                        + " not found and not running in a cluster). " + WHAT_TO_DO);
            }
            target = configured.get();
        } catch (RuntimeException e) {
            return Optional.of("pledge: cannot read the Kubernetes client configuration (" + kubeconfigFiles(env)
                    + "): " + firstLine(e) + ". " + WHAT_TO_DO);
        }
        return unreachable(target.server()).map(reason -> "pledge: cannot reach the Kubernetes API server at "
                + target.server() + " (from " + target.source() + "): " + reason + ". " + WHAT_TO_DO);
    }

    /** The API server the operator would use; empty when nothing configures one. */
    public static Optional<Target> target(Map<String, String> env) {
        String explicit = firstNonBlank(env.get("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL"),
                env.get("QUARKUS_KUBERNETES_CLIENT_MASTER_URL"), System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY),
                env.get("KUBERNETES_MASTER"));
        if (explicit != null) {
            return Optional.of(new Target("the configured API server URL", URI.create(withScheme(explicit))));
        }
        boolean inCluster = env.containsKey("KUBERNETES_SERVICE_HOST") && env.containsKey("KUBERNETES_SERVICE_PORT");
        Optional<Path> kubeconfig = existingKubeconfig(env);
        if (kubeconfig.isEmpty() && !inCluster) {
            return Optional.empty();
        }
        Config config = Config.autoConfigure(null);
        String source = kubeconfig.map(path -> "kubeconfig " + path
                + (config.getCurrentContext() != null ? ", context " + config.getCurrentContext().getName() : ""))
                .orElse("the in-cluster service account");
        return Optional.of(new Target(source, URI.create(config.getMasterUrl().replaceAll("/+$", ""))));
    }

    /** Empty when a TCP connection to the server's host and port succeeds, else why it did not. */
    public static Optional<String> unreachable(URI server) {
        int port = server.getPort() > 0 ? server.getPort() : "http".equals(server.getScheme()) ? 80 : 443;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
            return Optional.empty();
        } catch (java.net.UnknownHostException e) {
            return Optional.of("unknown host " + server.getHost());
        } catch (java.net.SocketTimeoutException e) {
            return Optional.of("no answer within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static Optional<Path> existingKubeconfig(Map<String, String> env) {
        for (String file : kubeconfigFiles(env).split(java.io.File.pathSeparator)) {
            if (!file.isBlank() && Files.isRegularFile(Path.of(file))) {
                return Optional.of(Path.of(file));
            }
        }
        return Optional.empty();
    }

    /** The kubeconfig files fabric8 reads: the kubeconfig system property, KUBECONFIG, else ~/.kube/config. */
    private static String kubeconfigFiles(Map<String, String> env) {
        return firstNonBlank(System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE), env.get("KUBECONFIG"),
                Path.of(System.getProperty("user.home"), ".kube", "config").toString());
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String withScheme(String url) {
        return url.contains("://") ? url : "https://" + url;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
