package dev.pledge.launch;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Memory defaults for {@code java -jar quarkus-run.jar} (the operator, or {@code pledge local}) started without a
 * heap size. A JVM given none takes a quarter of the host's memory as its heap and, in a burst, grows to use it
 * (1.28 GiB at 1,000 Works on a 24 GiB host). A jar cannot carry JVM options, so the process instead starts
 * itself again as a child with the flags below, passes its standard streams through (the child inherits them),
 * forwards a stop (SIGTERM, SIGINT, SIGHUP: the child gets SIGTERM, which stops it as either does) and exits
 * with the child's status.
 *
 * <p>It does this only when all of these hold; otherwise it runs as it is:
 * <ul>
 *   <li>it was started with {@code -jar} (the image's launcher, tests and IDEs pass their own flags or a class path);
 *   <li>no JVM option sets the heap's maximum (so any {@code -Xmx} or {@code -XX:MaxRAMPercentage} opts out);
 *   <li>it is not a native executable.
 * </ul>
 * The user's other JVM options are kept and come after the defaults, so they win. {@code MALLOC_ARENA_MAX=2} is
 * set for the child unless the environment sets it: the C library's per-thread arenas are resident memory the heap
 * limit does not cover. A SIGKILL of the parent leaves the child running (no JVM can forward that).
 */
public final class MemoryDefaults {

    /** The flags of the image's launcher (src/main/docker/launcher/pledge.c), with a fixed heap for a host. */
    public static final List<String> FLAGS = List.of("-Xmx80m", "-XX:ReservedCodeCacheSize=32m",
            "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-XX:-UsePerfData");

    private static final List<String> HEAP_LIMITS = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAM=",
            "-XX:MaxRAMPercentage=", "-XX:MaxRAMFraction=");

    private MemoryDefaults() {
    }

    /**
     * The command that runs this program again with the defaults, or empty when it should run as it is.
     *
     * @param javaHome    {@code java.home}
     * @param jvmOptions  the JVM's input arguments
     * @param classPath   {@code java.class.path}
     * @param javaCommand {@code sun.java.command}: the jar and the arguments, or the main class and the arguments
     * @param args        the program's arguments
     */
    static Optional<List<String>> relaunchCommand(String javaHome, List<String> jvmOptions, String classPath,
            String javaCommand, List<String> args) {
        boolean fromJar = classPath != null && classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)
                && javaCommand != null && (javaCommand.equals(classPath) || javaCommand.startsWith(classPath + " "));
        if (!fromJar || jvmOptions.stream().anyMatch(MemoryDefaults::limitsHeap)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(FLAGS);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(classPath);
        command.addAll(args);
        return Optional.of(command);
    }

    static boolean limitsHeap(String jvmOption) {
        return HEAP_LIMITS.stream().anyMatch(jvmOption::startsWith);
    }

    /**
     * Runs this program again with the defaults when {@link #relaunchCommand} says so, and then never returns: the
     * JVM exits with the child's status. Returns at once otherwise.
     */
    public static void relaunchIfUnsized(String... args) {
        if (System.getProperty("org.graalvm.nativeimage.imagecode") != null) {
            return;
        }
        Optional<List<String>> command = relaunchCommand(System.getProperty("java.home"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"),
                System.getProperty("sun.java.command"), List.of(args));
        if (command.isEmpty()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        Map<String, String> env = builder.environment();
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            System.err.println("pledge: cannot start " + command.get().get(0) + " with the default memory flags ("
                    + e.getMessage() + "); running with the JVM's own defaults");
            return;
        }
        // A stop signal runs the shutdown hooks: stop the child the same way, wait for it, and exit as it did.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            Runtime.getRuntime().halt(waitFor(child));
        }, "pledge-relaunch-stop"));
        // This JVM only waits from here on; hand back the memory its start-up touched.
        System.gc();
        System.exit(waitFor(child));
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: this process must outlive its child
            }
        }
    }
}
