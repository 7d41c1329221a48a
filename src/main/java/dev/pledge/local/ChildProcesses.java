package dev.pledge.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes a local platform started, each logging to its own file and leaving a pid file, stopped in the
 * reverse order of their start. A platform that crashed (or was killed with SIGKILL) leaves pid files behind;
 * the next start ends those processes first, so two etcds never fight over one data folder.
 */
final class ChildProcesses {
    private final PlatformHome home;
    private final List<Process> started = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    ChildProcesses(PlatformHome home) {
        this.home = home;
    }

    synchronized Process start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.logs().resolve(name + ".log").toFile()).start();
        started.add(process);
        names.add(name);
        Files.writeString(home.pids().resolve(name + ".pid"), Long.toString(process.pid()));
        return process;
    }

    /** Stops what this platform started, newest first: TERM, then KILL after ten seconds. */
    synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            stop(started.get(i).toHandle());
            deletePidFile(names.get(i));
        }
        started.clear();
        names.clear();
    }

    /** The first started process that has exited, so a start waiting on it fails at once and names it. */
    synchronized Optional<String> firstExited() {
        for (int i = 0; i < started.size(); i++) {
            if (!started.get(i).isAlive()) {
                return Optional.of(names.get(i) + " exited with status " + started.get(i).exitValue() + "; see "
                        + home.logs().resolve(names.get(i) + ".log"));
            }
        }
        return Optional.empty();
    }

    /** Ends processes an earlier run in the same folder left behind (their command line names the folder). */
    void endLeftovers() throws IOException {
        if (!Files.isDirectory(home.pids())) {
            return;
        }
        try (Stream<Path> files = Files.list(home.pids())) {
            for (Path file : files.toList()) {
                leftover(file).ifPresent(ChildProcesses::stop);
                Files.deleteIfExists(file);
            }
        }
    }

    private Optional<ProcessHandle> leftover(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            String folder = home.dir().toString();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(line -> line.contains(folder)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private void deletePidFile(String name) {
        try {
            Files.deleteIfExists(home.pids().resolve(name + ".pid"));
        } catch (IOException e) {
            // a stale pid file is checked against the process's command line before anything is ended
        }
    }
}
