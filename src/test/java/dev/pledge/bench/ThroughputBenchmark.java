package dev.pledge.bench;

import static dev.pledge.bench.BenchPlatform.CLIENTS;
import static dev.pledge.bench.BenchPlatform.awaitNanos;
import static dev.pledge.bench.BenchPlatform.awaitUntil;
import static dev.pledge.bench.BenchPlatform.between;
import static dev.pledge.bench.BenchPlatform.createConcurrently;
import static dev.pledge.bench.BenchPlatform.destination;
import static dev.pledge.bench.BenchPlatform.housekeeping;
import static dev.pledge.bench.BenchPlatform.reads;
import static dev.pledge.bench.BenchPlatform.ready;
import static dev.pledge.bench.BenchPlatform.readyDestinations;
import static dev.pledge.bench.BenchPlatform.resourcesIn;
import static dev.pledge.bench.BenchPlatform.seconds;
import static dev.pledge.bench.BenchPlatform.secret;
import static dev.pledge.bench.BenchPlatform.verb;
import static dev.pledge.bench.BenchPlatform.writes;
import static dev.pledge.bench.BenchPlatform.writesByResource;

import dev.pledge.api.BucketStateStore;
import dev.pledge.api.BucketStateStoreSpec;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.SecretRef;
import dev.pledge.api.Work;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.Workload;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.testing.AuditLog;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.InstalledPledge;
import dev.pledge.testing.OperatorProcess;
import dev.pledge.testing.S3Server;
import dev.pledge.work.WorkloadContent;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    static final Path WORK_DIR = Path.of("target", "throughput-benchmark");

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) {
        BenchPlatform.runAndExit(args, ThroughputBenchmark::run);
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
            String name = "tp-%02d".formatted(i);
            destination(admin, name, kind.equals("s3") ? DestinationSpec.StateStoreKind.BucketStateStore
                    : DestinationSpec.StateStoreKind.GitStateStore, "bench", Map.of("bench", "tp", "shard", name));
        }

        if (Boolean.getBoolean("bench.no-operator")) {
            // the control: how long the creates alone take on this API server, with no operator beside them
            long lastCreate = createConcurrently(count, ThroughputBenchmark::work);
            System.out.printf(Locale.ROOT, "%nThroughputBenchmark %s, N=%d, no operator, %s, %d cores%n"
                    + "last create        %6.1f s after the first (%d clients)%n", kind, count, Instant.now(),
                    Runtime.getRuntime().availableProcessors(), seconds(lastCreate), CLIENTS);
            return;
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
            long lastCreate = createConcurrently(count, ThroughputBenchmark::work);
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
            String idleThreads = Processes.busiest(threadsBefore, processes.cpuByThread());
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

    private static Store gitStore(KubernetesClient admin) {
        Path bare = BenchPlatform.gitStore(admin, "bench");
        return new Store() {
            @Override
            public Set<String> placedResources() {
                return resourcesIn(BareRepositories.paths(bare, "main"), NAMESPACE, PROMISE);
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
                return resourcesIn(keys, NAMESPACE, PROMISE);
            }

            @Override
            public int commits() {
                return -1;
            }
        };
    }

    private static long readyPlacements(KubernetesClient admin) {
        return admin.resources(WorkPlacement.class).inNamespace(NAMESPACE).list().getItems().stream()
                .filter(p -> p.getStatus() != null && ready(p.getStatus().getConditions())).count();
    }

    // ---- measuring
}
