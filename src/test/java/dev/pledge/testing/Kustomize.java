package dev.pledge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.yaml.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with kubectl's built-in kustomize, as {@code kubectl apply -k} would. */
public final class Kustomize {
    /** The shipped install tree. */
    public static final Path INSTALL = Path.of("kubernetes");

    private Kustomize() {
    }

    public static List<JsonNode> render(Path directory) {
        return Yaml.documents(renderText(directory));
    }

    public static String renderText(Path directory) {
        try {
            Process process = new ProcessBuilder(kubectl(), "kustomize", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An overlay of the install tree in {@code directory} with these extra kustomization lines (components,
     * images, ...). Kustomize wants relative paths to bases, so the overlay names the tree relative to itself.
     */
    public static Path overlay(Path directory, String extra) {
        String base = directory.toAbsolutePath().relativize(INSTALL.toAbsolutePath()).toString();
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("kustomization.yaml"), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - %s
                    """.formatted(base) + extra.replace("BASE", base));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }

    /** kubectl from PATH, else the one cached beside the test control plane. */
    static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        String cache = System.getProperty("test.pledge.cache", System.getProperty("user.home") + "/.cache/pledge");
        String version = System.getProperty("test.pledge.k8s.version", "1.35.4");
        return Path.of(cache, "kubeapitest", "k8s", version + "-linux-amd64", "kubectl").toString();
    }
}
