package dev.pledge.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one folder a local platform keeps everything in, so that a restart finds its data and {@code --reset}
 * (or {@code rm -rf}) forgets it: etcd's data, the API server's keys, the state store's bare repository, the
 * kubeconfig, the processes' logs and the local node's Pod directories.
 */
public record PlatformHome(Path dir) {

    /** {@code ~/.pledge/local}. */
    public static PlatformHome defaultHome() {
        return new PlatformHome(Path.of(System.getProperty("user.home"), ".pledge", "local"));
    }

    public Path etcdData() {
        return dir.resolve("etcd");
    }

    /** Serving certificate (written by kube-apiserver), the admin token, the service-account key. */
    public Path pki() {
        return dir.resolve("pki");
    }

    public Path kubeconfig() {
        return dir.resolve("kubeconfig");
    }

    public Path stateRepository() {
        return dir.resolve("state.git");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    /** One pid file per running process, so a start after a crash can end what the crash left running. */
    public Path pids() {
        return dir.resolve("run");
    }

    public Path pods() {
        return dir.resolve("pods");
    }

    /** Creates the folders; with {@code reset}, first deletes everything an earlier platform left here. */
    public PlatformHome prepare(boolean reset) throws IOException {
        if (reset && Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                // everything but the lock file the running command holds, and the folder itself
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!path.equals(dir) && !path.equals(dir.resolve(".lock"))) {
                        Files.delete(path);
                    }
                }
            }
        }
        for (Path folder : new Path[] { dir, etcdData(), pki(), logs(), pids(), pods() }) {
            Files.createDirectories(folder);
        }
        return this;
    }
}
