package dev.pledge.local.node;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs user images with podman or docker: the container's command and args (Kubernetes' command replaces the
 * image's entrypoint, args its default arguments), its environment, its working directory and every volume
 * mount as a bind mount. The host network lets a step reach servers on this machine's loopback, as the rest of
 * the local platform does.
 */
public final class ContainerEngine implements ImageRunner {
    /** Engines tried in this order, by executable name on PATH. */
    public static final List<String> ENGINES = List.of("podman", "docker");

    private final Path executable;

    private ContainerEngine(Path executable) {
        this.executable = executable;
    }

    /** The first engine found on {@code PATH}, or a runner that fails every user container saying none is there. */
    public static ImageRunner fromPath(Map<String, String> env) {
        return find(env.getOrDefault("PATH", "")).<ImageRunner>map(ContainerEngine::new).orElse(new Missing());
    }

    static Optional<Path> find(String path) {
        for (String engine : ENGINES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, engine);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public String name() {
        return executable.getFileName().toString();
    }

    @Override
    public int run(ContainerView container, PrintStream log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(container)).redirectErrorStream(true).start();
        try (InputStream output = process.getInputStream()) {
            output.transferTo(log);
            return process.waitFor();
        } finally {
            // reached with the process still alive only when the node is stopping
            process.destroy();
        }
    }

    List<String> command(ContainerView container) {
        var spec = container.spec();
        List<String> command = new ArrayList<>(List.of(executable.toString(), "run", "--rm", "--network", "host"));
        for (ContainerView.Mount mount : container.mounts()) {
            command.add("--volume");
            command.add(mount.source() + ":" + mount.path() + (mount.readOnly() ? ":ro" : ""));
        }
        container.env().forEach((name, value) -> {
            command.add("--env");
            command.add(name + "=" + value);
        });
        if (spec.getWorkingDir() != null && !spec.getWorkingDir().isEmpty()) {
            command.add("--workdir");
            command.add(spec.getWorkingDir());
        }
        List<String> entrypoint = spec.getCommand() == null ? List.of() : spec.getCommand();
        if (!entrypoint.isEmpty()) {
            // docker takes a single executable here; the rest of the command goes before the args
            command.add("--entrypoint");
            command.add(entrypoint.get(0));
        }
        command.add(spec.getImage());
        command.addAll(entrypoint.stream().skip(1).toList());
        if (spec.getArgs() != null) {
            command.addAll(spec.getArgs());
        }
        return command;
    }

    /** No engine on this machine: the container fails, and the Pod's message says what to install. */
    static final class Missing implements ImageRunner {
        static final String MESSAGE = "no container engine is available to run image %s: install podman or docker"
                + " (looked for " + String.join(", ", ENGINES) + " on PATH)";

        @Override
        public int run(ContainerView container, PrintStream log) {
            log.println(MESSAGE.formatted(container.image()));
            return 127;
        }
    }
}
