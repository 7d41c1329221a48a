package dev.pledge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's processes: the one started and, when it started itself again with Pledge's memory flags, its
 * child (the worker). Memory is sampled at each poll of the burst as the worker's RSS plus the launcher's private
 * memory, so the peak is what they held together.
 */
final class Processes {
    private final long root;
    private long peakRssKib;

    Processes(long root) {
        this.root = root;
    }

    List<Long> pids() {
        List<Long> pids = new ArrayList<>(List.of(root));
        ProcessHandle.of(root).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    double cpuSeconds() throws IOException {
        double sum = 0;
        for (long pid : pids()) {
            sum += cpuSeconds(pid);
        }
        return sum;
    }

    Map<String, Double> cpuByThread() throws IOException {
        Map<String, Double> sum = new java.util.TreeMap<>();
        for (long pid : pids()) {
            cpuByThread(pid).forEach((k, v) -> sum.merge(k, v, Double::sum));
        }
        return sum;
    }

    /** Samples the memory the processes hold together, then passes the condition's value through. */
    boolean sampled(boolean condition) {
        List<Long> pids = pids();
        long rss = 0;
        try {
            for (long pid : pids) {
                rss += pid == root && pids.size() > 1 ? privateKib(pid) : procStatus(pid, "VmRSS:");
            }
        } catch (IOException gone) {
            return condition;  // a process ended between the listing and the read
        }
        peakRssKib = Math.max(peakRssKib, rss);
        return condition;
    }

    /** Resident pages no other process maps (private clean and dirty), from /proc/PID/smaps_rollup. */
    static long privateKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup")).stream()
                .filter(l -> l.startsWith("Private_")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .sum();
    }

    /**
     * The sampled peak, or, if larger (a spike between polls), the worker's own peak (VmHWM) plus the waiting
     * launcher's private memory now (its own peak was at its start, before the worker existed).
     */
    long peakRssKib() throws IOException {
        sampled(false);
        List<Long> pids = pids();
        long worker = procStatus(pids.get(pids.size() - 1), "VmHWM:");
        long launcher = pids.size() > 1 ? privateKib(root) : 0;
        return Math.max(peakRssKib, worker + launcher);
    }

    /** Each process's command line (JVM options) and its own peak RSS. */
    String describe() throws IOException {
        StringBuilder out = new StringBuilder();
        for (long pid : pids()) {
            String line = ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(a -> {
                List<String> options = new ArrayList<>();
                for (String arg : a) {
                    if (arg.equals("-jar")) {
                        break;
                    }
                    options.add(arg);
                }
                return options.isEmpty() ? "(no JVM options)" : String.join(" ", options);
            }).orElse("?");
            out.append("\n        pid ").append(pid).append(": ").append(line).append(", VmHWM ")
                    .append(procStatus(pid, "VmHWM:") / 1024).append(" MiB, private now ")
                    .append(privateKib(pid) / 1024).append(" MiB");
        }
        return out.toString();
    }

    /** User plus system CPU time of the process, from /proc/PID/stat (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** CPU seconds so far per thread name (threads of one pool summed), from /proc/PID/task. */
    static Map<String, Double> cpuByThread(long pid) throws IOException {
        Map<String, Double> cpu = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-#]?\\d+$", "");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0, Double::sum);
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return cpu;
    }

    /** The threads that used the most CPU between the two samples, as "name 0.12 s". */
    static String busiest(Map<String, Double> before, Map<String, Double> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** A /proc/PID/status field in KiB. */
    static long procStatus(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith(field)).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst()
                .orElse(-1L);
    }
}
