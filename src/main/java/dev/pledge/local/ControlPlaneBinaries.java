package dev.pledge.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The control plane's executables, built and cached by the same script the tests use
 * ({@code src/main/resources/provision/control-plane.sh}, shipped inside the jar): the first start builds them
 * from the Go module proxy (minutes), later starts find them in the cache at once.
 */
final class ControlPlaneBinaries {
    static final String K8S_VERSION = "1.35.4";
    private static final String SCRIPT = "/provision/control-plane.sh";

    private ControlPlaneBinaries() {
    }

    /** The cache folder: {@code PLEDGE_CACHE}, else {@code ~/.cache/pledge} (shared with the tests). */
    static Path cache() {
        String configured = System.getenv("PLEDGE_CACHE");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "pledge");
    }

    static String version() {
        String configured = System.getenv("PLEDGE_K8S_VERSION");
        return configured != null && !configured.isBlank() ? configured : K8S_VERSION;
    }

    /** Runs the provisioning script (a no-op once cached) and returns the folder holding the executables. */
    static Path provision(PlatformHome home) throws IOException, InterruptedException {
        Path script = home.dir().resolve("control-plane.sh");
        try (InputStream in = ControlPlaneBinaries.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("this build of Pledge lacks " + SCRIPT);
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).inheritIO();
        builder.environment().put("PLEDGE_CACHE", cache().toString());
        builder.environment().put("PLEDGE_K8S_VERSION", version());
        int status = builder.start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("building the control plane failed (exit " + status + "); it needs Go and"
                    + " the Go module proxy; see the output above");
        }
        Path binaries = cache().resolve("kubeapitest").resolve("k8s").resolve(version() + "-linux-amd64");
        for (String binary : new String[] { "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler" }) {
            if (!Files.isExecutable(binaries.resolve(binary))) {
                throw new IllegalStateException("no " + binary + " in " + binaries + " after provisioning");
            }
        }
        return binaries;
    }
}
