package dev.pledge.bench;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.api.GitStateStoreSpec;
import dev.pledge.api.SecretRef;
import dev.pledge.testing.AuditLog;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.GitHttpServer;
import dev.pledge.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the end-to-end benchmarks share: the burst of creates from concurrent clients, the Git store and its
 * Destinations, waiting on the packaged operator, and reading its API requests from the audit log.
 */
final class BenchPlatform {
    static final int CLIENTS = 8;
    /** Requests every operator makes that are not about its objects: leader election and its rights check. */
    static final Set<String> HOUSEKEEPING = Set.of("leases", "selfsubjectrulesreviews", "selfsubjectaccessreviews");

    private BenchPlatform() {
    }

    /** A benchmark's body, given the command line. */
    @FunctionalInterface
    interface Body {
        void run(String[] args) throws Exception;
    }

    /**
     * Runs a benchmark and exits, 1 after printing what failed: the test servers' threads are not daemons, so
     * exec:java would otherwise wait for them forever.
     */
    static void runAndExit(String[] args, Body body) {
        int status = 0;
        try {
            body.run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    // ---- the burst

    /** Creates {@code count} objects from 8 clients at once; returns when the last create returned, in ns from now. */
    static long createConcurrently(int count, IntFunction<? extends HasMetadata> object) throws Exception {
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
                        client.resource(object.apply(i)).create();
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

    // ---- the store and Destinations

    /** A repository on the tests' smart-HTTP Git server and a GitStateStore {@code name} for it; returns its path. */
    static Path gitStore(KubernetesClient admin, String name) {
        String url = GitHttpServer.get().newRepository(name);
        secret(admin, Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD));
        GitStateStore store = new GitStateStore();
        store.setMetadata(new ObjectMetaBuilder().withName(name).build());
        GitStateStoreSpec spec = new GitStateStoreSpec();
        spec.setUrl(url);
        spec.setInsecure(true);
        spec.setSecretRef(new SecretRef("bench-credentials", "default"));
        store.setSpec(spec);
        admin.resource(store).create();
        return GitHttpServer.get().repository(url);
    }

    static void secret(KubernetesClient admin, Map<String, String> values) {
        admin.resource(new SecretBuilder().withNewMetadata().withName("bench-credentials").withNamespace("default")
                .endMetadata().withStringData(values).build()).serverSideApply();
    }

    /** A Destination writing under its own name in {@code store}, labelled {@code labels}. */
    static void destination(KubernetesClient admin, String name, DestinationSpec.StateStoreKind kind, String store,
            Map<String, String> labels) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(kind, store));
        destination.setSpec(spec);
        admin.resource(destination).create();
    }

    static long readyDestinations(KubernetesClient admin) {
        return admin.resources(Destination.class).list().getItems().stream()
                .filter(d -> d.getStatus() != null && ready(d.getStatus().getConditions())).count();
    }

    static boolean ready(List<Condition> conditions) {
        return conditions != null && conditions.stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** {@code <dest>/resources/<namespace>/<promise>/<resource>/...}: the resource names that have a file. */
    static Set<String> resourcesIn(List<String> paths, String namespace, String promise) {
        Set<String> resources = new HashSet<>();
        for (String path : paths) {
            String[] segments = path.split("/");
            if (segments.length > 5 && segments[1].equals("resources") && segments[2].equals(namespace)
                    && segments[3].equals(promise)) {
                resources.add(segments[4]);
            }
        }
        return resources;
    }

    // ---- waiting

    /** Waits for the condition (at most 20 minutes); returns the time since {@code start} in ns. */
    static long awaitNanos(Supplier<Boolean> condition, long start, OperatorProcess operator)
            throws InterruptedException {
        awaitUntil("convergence", Duration.ofMinutes(20), condition, operator);
        return System.nanoTime() - start;
    }

    static void awaitUntil(String what, Duration timeout, Supplier<Boolean> condition, OperatorProcess operator)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (!operator.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + "; the operator's log is " + operator.log());
            }
            Thread.sleep(200);
        }
    }

    // ---- the audit log

    static List<AuditLog.Request> between(List<AuditLog.Request> requests, Instant from, Instant to) {
        return requests.stream().filter(r -> {
            Instant at = Instant.parse(r.stageTimestamp());
            return !at.isBefore(from) && !at.isAfter(to);
        }).toList();
    }

    static int reads(List<AuditLog.Request> requests) {
        return verb(requests, "get") + verb(requests, "list");
    }

    /** Requests of this verb, housekeeping left out. */
    static int verb(List<AuditLog.Request> requests, String verb) {
        return (int) requests.stream().filter(r -> !HOUSEKEEPING.contains(r.resource()))
                .filter(r -> r.verb().equals(verb)).count();
    }

    static int writes(List<AuditLog.Request> requests) {
        return (int) requests.stream().filter(AuditLog.Request::write)
                .filter(r -> !HOUSEKEEPING.contains(r.resource())).count();
    }

    static int housekeeping(List<AuditLog.Request> requests) {
        return (int) requests.stream().filter(r -> HOUSEKEEPING.contains(r.resource())).count();
    }

    static Map<String, Long> writesByResource(List<AuditLog.Request> requests) {
        return byVerbAndResource(requests.stream().filter(AuditLog.Request::write).toList());
    }

    /** "verb resource" to how many requests, housekeeping left out, sorted. */
    static Map<String, Long> byVerbAndResource(List<AuditLog.Request> requests) {
        return requests.stream().filter(r -> !HOUSEKEEPING.contains(r.resource()))
                .collect(Collectors.groupingBy(r -> r.verb() + " " + r.resource(), TreeMap::new,
                        Collectors.counting()));
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
