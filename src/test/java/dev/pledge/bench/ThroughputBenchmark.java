package dev.pledge.bench;

import dev.pledge.api.BucketStateStore;
import dev.pledge.api.BucketStateStoreSpec;
import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.api.GitStateStoreSpec;
import dev.pledge.api.SecretRef;
import dev.pledge.api.Work;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.Workload;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.testing.AuditLog;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.GitHttpServer;
import dev.pledge.testing.InstalledPledge;
import dev.pledge.testing.OperatorProcess;
import dev.pledge.testing.S3Server;
import dev.pledge.work.WorkloadContent;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Not a test: a burst of N resource Works through the packaged operator, end to end. Starts the real control plane,
 * installs Pledge from {@code kubernetes/}, runs {@code target/quarkus-app/quarkus-run.jar} as a child process
 * authenticated as the installed ServiceAccount (so the audit log records every request it makes, reads too),
 * registers 10 Destinations on one store, and creates N Works with 8 concurrent API clients. Each Work has one
 * workload group with one small ConfigMap and a selector matching all 10 Destinations, so it lands on exactly one.
 *
 * <pre>
 * ./mvnw -q package -DskipTests
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.pledge.bench.ThroughputBenchmark -Dexec.args="1000 git"
 * </pre>
 *
 * Arguments: N, the store ({@code git}: the tests' JGit smart-HTTP server with basic auth, in this JVM;
 * {@code s3}: s3proxy), then any JVM options for the operator (none: the jar as shipped, default heap).
 * {@code -Dbench.idle.seconds} (60) sets the idle window measured after convergence.
 *
 * <p>Started with no heap flag, the jar starts itself again with Pledge's memory flags ({@code MemoryDefaults}),
 * so the operator is two processes: CPU is summed over both. Their memory is the worker's RSS plus the launcher's
 * private memory: the launcher's other resident pages are the JVM's shared library and class archive, which the
 * worker maps too, and counting them twice would count memory the machine holds once.
 */
public final class ThroughputBenchmark {
    static final String NAMESPACE = "bench";
    static final String PROMISE = "bench";
    static final int DESTINATIONS = 10;
    static final int CLIENTS = 8;
    static final Path WORK_DIR = Path.of("target", "throughput-benchmark");
    /** Requests every operator makes that are not about Works: leader election and its rights check. */
    static final Set<String> HOUSEKEEPING = Set.of("leases", "selfsubjectrulesreviews", "selfsubjectaccessreviews");

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // the test servers' threads are not daemons; exec:java would wait for them forever
        System.exit(status);
    }

    /** Where the Works' files are observed: a bare Git repository or a bucket. */
    interface Store {
        /** Resource names that have a file in the store now. */
        Set<String> placedResources();

        /** Commits so far; -1 where the store has none. */
        int commits();
    }

    private static void run(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String kind = args.length > 1 ? args[1] : "git";
        List<String> jvmOptions = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        Duration idle = Duration.ofSeconds(Long.getLong("bench.idle.seconds", 60));
        KubernetesClient admin = ControlPlane.client();
        InstalledPledge.apply();
        admin.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
        Store store = kind.equals("s3") ? bucketStore(admin) : gitStore(admin);
        for (int i = 0; i < DESTINATIONS; i++) {
            destination(admin, "tp-%02d".formatted(i), kind.equals("s3")
                    ? DestinationSpec.StateStoreKind.BucketStateStore : DestinationSpec.StateStoreKind.GitStateStore);
        }

        String user = InstalledPledge.user(InstalledPledge.SERVICE_ACCOUNT);
        Files.createDirectories(WORK_DIR);
        try (OperatorProcess operator = OperatorProcess.start("operator-" + kind + "-" + count,
                InstalledPledge.kubeconfigFor(InstalledPledge.SERVICE_ACCOUNT, WORK_DIR),
                InstalledPledge.deploymentEnv(InstalledPledge.SERVICE_ACCOUNT), WORK_DIR, jvmOptions)) {
            awaitUntil("the Destinations are Ready", Duration.ofMinutes(4), () -> readyDestinations(admin) == DESTINATIONS,
                    operator);
            Thread.sleep(3_000);  // let start-up settle so the burst's numbers are the burst's
            int commitsBefore = store.commits();
            Processes processes = new Processes(operator.pid());
            double cpuBefore = processes.cpuSeconds();
            Instant first = Instant.now();
            long start = System.nanoTime();
            long lastCreate = createWorks(count);
            long placed = awaitNanos(() -> processes.sampled(store.placedResources().size() >= count), start, operator);
            long ready = awaitNanos(() -> processes.sampled(readyPlacements(admin) >= count), start, operator);
            Instant converged = Instant.now();
            double cpuBurst = processes.cpuSeconds() - cpuBefore;
            int commits = store.commits() < 0 ? -1 : store.commits() - commitsBefore;  // -1: S3 has no commits
            long peakRss = processes.peakRssKib();
            List<AuditLog.Request> burst = between(AuditLog.of(user), first, converged);

            Thread.sleep(10_000);  // Work statuses and the last events settle before the idle window opens
            int commitsIdle = store.commits();
            double cpuIdle = processes.cpuSeconds();
            Map<String, Double> threadsBefore = processes.cpuByThread();
            Instant idleFrom = Instant.now();
            Thread.sleep(idle.toMillis());
            Instant idleTo = Instant.now();
            double idleCpu = processes.cpuSeconds() - cpuIdle;
            String idleThreads = busiest(threadsBefore, processes.cpuByThread());
            List<AuditLog.Request> idleRequests = between(AuditLog.of(user), idleFrom, idleTo);

            System.out.printf(Locale.ROOT, """

                    ThroughputBenchmark %s, N=%d, operator JVM options %s, %s, %d cores
                    last create        %6.1f s after the first (%d clients)
                    every file in store %6.1f s after the first create (%.1f s after the last)
                    every placement Ready %4.1f s after the first create
                    commits            %d
                    operator API requests during the burst: %d reads (get/list), %d watches, %d writes (%s),
                        %d leader-election and rights-check requests
                    operator CPU       %.1f s during the burst; peak RSS %d MiB
                    operator processes %s
                    idle %d s: %.2f CPU s, %d commits, %d API writes (leader election not counted: %d lease requests)
                    idle CPU by thread: %s

                    | %s | %d | %.1f s | %.1f s | %.1f s | %d | %d / %d | %d MiB | %.1f s | %.2f s | %d / %d |
                    """,
                    kind, count, jvmOptions.isEmpty() ? "(none: as shipped)" : String.join(" ", jvmOptions),
                    Instant.now(), Runtime.getRuntime().availableProcessors(),
                    seconds(lastCreate), CLIENTS, seconds(placed), seconds(placed - lastCreate), seconds(ready),
                    commits, reads(burst), verb(burst, "watch"), writes(burst), writesByResource(burst),
                    housekeeping(burst), cpuBurst, peakRss / 1024, processes.describe(),
                    idle.toSeconds(), idleCpu, store.commits() - commitsIdle, writes(idleRequests),
                    (int) idleRequests.stream().filter(r -> r.resource().equals("leases")).count(), idleThreads,
                    kind, count, seconds(lastCreate), seconds(placed), seconds(placed - lastCreate), commits,
                    reads(burst), writes(burst), peakRss / 1024, cpuBurst, idleCpu * 60.0 / idle.toSeconds(),
                    store.commits() - commitsIdle, writes(idleRequests));
        }
    }

    // ---- the burst

    /** Creates the Works from 8 clients at once; returns when the last create returned, in ns from now. */
    private static long createWorks(int count) throws Exception {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        String kubeconfig = Files.readString(ControlPlane.start());
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                try (KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        client.resource(work(i)).create();
                        last.accumulateAndGet(System.nanoTime() - start, Math::max);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        return last.get();
    }

    static Work work(int i) {
        String resource = "r-%04d".formatted(i);
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: default
                data:
                  size: small
                """.formatted(resource);
        WorkSpec.WorkloadGroup group = new WorkSpec.WorkloadGroup();
        group.setDirectory(".");
        group.setId(WorkloadGroup.idOf("."));
        group.setWorkloads(List.of(new Workload("configmap.yaml", WorkloadContent.encode(configMap))));
        group.setDestinationSelectors(List.of(new WorkSpec.WorkloadGroupSelector(Map.of("bench", "tp"), "promise")));
        WorkSpec spec = new WorkSpec();
        spec.setPromiseName(PROMISE);
        spec.setResourceName(resource);
        spec.setWorkloadGroups(List.of(group));
        Work work = new Work();
        work.setMetadata(new ObjectMetaBuilder().withName("w-%04d".formatted(i)).withNamespace(NAMESPACE).build());
        work.setSpec(spec);
        return work;
    }

    // ---- stores and Destinations

    private static Store gitStore(KubernetesClient admin) throws IOException {
        String url = GitHttpServer.get().newRepository("bench");
        secret(admin, Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD));
        GitStateStore store = new GitStateStore();
        store.setMetadata(new ObjectMetaBuilder().withName("bench").build());
        GitStateStoreSpec spec = new GitStateStoreSpec();
        spec.setUrl(url);
        spec.setInsecure(true);
        spec.setSecretRef(new SecretRef("bench-credentials", "default"));
        store.setSpec(spec);
        admin.resource(store).create();
        Path bare = GitHttpServer.get().repository(url);
        return new Store() {
            @Override
            public Set<String> placedResources() {
                return resourcesIn(gitPaths(bare));
            }

            @Override
            public int commits() {
                return BareRepositories.commits(bare, "main").size();
            }
        };
    }

    private static Store bucketStore(KubernetesClient admin) {
        S3Server s3 = S3Server.get();
        s3.client().createBucket(b -> b.bucket("bench"));
        secret(admin, Map.of("accessKeyID", S3Server.ACCESS_KEY, "secretAccessKey", S3Server.SECRET_KEY));
        BucketStateStore store = new BucketStateStore();
        store.setMetadata(new ObjectMetaBuilder().withName("bench").build());
        BucketStateStoreSpec spec = new BucketStateStoreSpec();
        spec.setBucketName("bench");
        spec.setEndpoint(s3.endpoint());
        spec.setInsecure(true);
        spec.setSecretRef(new SecretRef("bench-credentials", "default"));
        store.setSpec(spec);
        admin.resource(store).create();
        var client = s3.client();
        return new Store() {
            @Override
            public Set<String> placedResources() {
                List<String> keys = new ArrayList<>();
                client.listObjectsV2Paginator(b -> b.bucket("bench")).contents().forEach(o -> keys.add(o.key()));
                return resourcesIn(keys);
            }

            @Override
            public int commits() {
                return -1;
            }
        };
    }

    private static void secret(KubernetesClient admin, Map<String, String> values) {
        admin.resource(new SecretBuilder().withNewMetadata().withName("bench-credentials").withNamespace("default")
                .endMetadata().withStringData(values).build()).serverSideApply();
    }

    private static void destination(KubernetesClient admin, String name, DestinationSpec.StateStoreKind kind) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(Map.of("bench", "tp", "shard", name))
                .build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(kind, "bench"));
        destination.setSpec(spec);
        admin.resource(destination).create();
    }

    /** Every path at the head of main, names only (no blob is read, to keep the observer cheap). */
    private static List<String> gitPaths(Path bare) {
        List<String> paths = new ArrayList<>();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
                RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("refs/heads/main");
            if (head == null) {
                return paths;
            }
            try (TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(walk.parseCommit(head).getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    paths.add(tree.getPathString());
                }
            }
            return paths;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <dest>/resources/bench/bench/<resource>/...}: the resource names that have a file. */
    static Set<String> resourcesIn(List<String> paths) {
        Set<String> resources = new HashSet<>();
        for (String path : paths) {
            String[] segments = path.split("/");
            if (segments.length > 5 && segments[1].equals("resources") && segments[2].equals(NAMESPACE)
                    && segments[3].equals(PROMISE)) {
                resources.add(segments[4]);
            }
        }
        return resources;
    }

    private static long readyDestinations(KubernetesClient admin) {
        return admin.resources(Destination.class).list().getItems().stream()
                .filter(d -> d.getStatus() != null && ready(d.getStatus().getConditions())).count();
    }

    private static long readyPlacements(KubernetesClient admin) {
        return admin.resources(WorkPlacement.class).inNamespace(NAMESPACE).list().getItems().stream()
                .filter(p -> p.getStatus() != null && ready(p.getStatus().getConditions())).count();
    }

    private static boolean ready(List<Condition> conditions) {
        return conditions != null && conditions.stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    // ---- measuring

    private static long awaitNanos(Supplier<Boolean> condition, long start, OperatorProcess operator)
            throws InterruptedException {
        awaitUntil("convergence", Duration.ofMinutes(20), condition, operator);
        return System.nanoTime() - start;
    }

    private static void awaitUntil(String what, Duration timeout, Supplier<Boolean> condition,
            OperatorProcess operator) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (!operator.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + "; the operator's log is " + operator.log());
            }
            Thread.sleep(200);
        }
    }

    /**
     * The operator's processes: the one started and, when it started itself again with Pledge's memory flags, its
     * child (the worker). Memory is sampled at each poll of the burst as the worker's RSS plus the launcher's private
     * memory, so the peak is what they held together.
     */
    static final class Processes {
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
                sum += ThroughputBenchmark.cpuSeconds(pid);
            }
            return sum;
        }

        Map<String, Double> cpuByThread() throws IOException {
            Map<String, Double> sum = new java.util.TreeMap<>();
            for (long pid : pids()) {
                ThroughputBenchmark.cpuByThread(pid).forEach((k, v) -> sum.merge(k, v, Double::sum));
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

    private static List<AuditLog.Request> between(List<AuditLog.Request> requests, Instant from, Instant to) {
        return requests.stream().filter(r -> {
            Instant at = Instant.parse(r.stageTimestamp());
            return !at.isBefore(from) && !at.isAfter(to);
        }).toList();
    }

    private static int reads(List<AuditLog.Request> requests) {
        return verb(requests, "get") + verb(requests, "list");
    }

    private static int verb(List<AuditLog.Request> requests, String verb) {
        return (int) requests.stream().filter(r -> !HOUSEKEEPING.contains(r.resource()))
                .filter(r -> r.verb().equals(verb)).count();
    }

    private static int writes(List<AuditLog.Request> requests) {
        return (int) requests.stream().filter(AuditLog.Request::write)
                .filter(r -> !HOUSEKEEPING.contains(r.resource())).count();
    }

    private static int housekeeping(List<AuditLog.Request> requests) {
        return (int) requests.stream().filter(r -> HOUSEKEEPING.contains(r.resource())).count();
    }

    private static Map<String, Long> writesByResource(List<AuditLog.Request> requests) {
        return requests.stream().filter(AuditLog.Request::write).filter(r -> !HOUSEKEEPING.contains(r.resource()))
                .collect(java.util.stream.Collectors.groupingBy(r -> r.verb() + " " + r.resource(),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
