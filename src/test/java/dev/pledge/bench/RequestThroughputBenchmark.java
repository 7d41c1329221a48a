package dev.pledge.bench;

import static dev.pledge.bench.BenchPlatform.awaitNanos;
import static dev.pledge.bench.BenchPlatform.awaitUntil;
import static dev.pledge.bench.BenchPlatform.between;
import static dev.pledge.bench.BenchPlatform.byVerbAndResource;
import static dev.pledge.bench.BenchPlatform.createConcurrently;
import static dev.pledge.bench.BenchPlatform.destination;
import static dev.pledge.bench.BenchPlatform.gitStore;
import static dev.pledge.bench.BenchPlatform.housekeeping;
import static dev.pledge.bench.BenchPlatform.readyDestinations;
import static dev.pledge.bench.BenchPlatform.resourcesIn;
import static dev.pledge.bench.BenchPlatform.seconds;
import static dev.pledge.bench.BenchPlatform.verb;

import dev.pledge.api.DestinationSpec;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.testing.AuditLog;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.InstalledPledge;
import dev.pledge.testing.KubeletStandIn;
import dev.pledge.testing.OperatorProcess;
import dev.pledge.validation.PromiseValidator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: N resource requests of one Promise with one configure pipeline, through the packaged operator, from
 * create until every request's file is in Git. Starts the real control plane with kube-controller-manager and
 * kube-scheduler, installs Pledge from {@code kubernetes/}, runs {@code target/quarkus-app/quarkus-run.jar} as the
 * installed ServiceAccount, and plays the Pods' kubelet with {@link KubeletStandIn}: Pledge's adapter containers run
 * in-process (authenticated as the pipeline's ServiceAccount, so the audit log records their requests apart), the
 * user's image is a Java step that writes one small file per request. 3 Destinations on one Git store (the tests'
 * smart-HTTP server); N requests created by 8 concurrent clients.
 *
 * <pre>
 * ./mvnw -q package -DskipTests
 * ./mvnw -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.pledge.bench.RequestThroughputBenchmark -Dexec.args="1000"
 * </pre>
 *
 * Arguments: N (1,000), then any JVM options for the operator (none: the jar as shipped).
 * {@code -Dbench.max-concurrent-workflows=K} puts the rollout-limit annotation on the Promise (none: the operator's
 * default); {@code -Dtest.pledge.runner=JAR} and {@code -Dtest.pledge.install=DIR} run and install another build.
 */
public final class RequestThroughputBenchmark {
    static final String NAMESPACE = "reqbench";
    /** The Promise, its API and its pipeline, as {@code bench/request-benchmark-promise.yaml} names them. */
    static final String PROMISE = "reqbench";
    static final String KIND = "ReqBench";
    static final String GROUP = "bench.pledge.dev";
    static final String PIPELINE = "render";
    static final String IMAGE = "example.org/reqbench-render:v1";
    static final int DESTINATIONS = 3;
    static final Path WORK_DIR = Path.of("target", "request-benchmark");
    static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete");

    private RequestThroughputBenchmark() {
    }

    public static void main(String[] args) {
        BenchPlatform.runAndExit(args, RequestThroughputBenchmark::run);
    }

    private static void run(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<String> jvmOptions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        String limit = System.getProperty("bench.max-concurrent-workflows");
        String loadAtStart = load();
        KubernetesClient admin = ControlPlane.client();
        InstalledPledge.apply();
        admin.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
        Path bare = gitStore(admin, "reqbench");
        for (int i = 0; i < DESTINATIONS; i++) {
            destination(admin, "rb-%02d".formatted(i), DestinationSpec.StateStoreKind.GitStateStore, "reqbench",
                    Map.of("bench", "req"));
        }

        // the pipeline's ServiceAccount, made ahead (Pledge applies it again) so the adapter can run as it
        String pipelineAccount = PromiseValidator.pipelineId(PROMISE, WorkflowType.RESOURCE, WorkflowAction.CONFIGURE,
                PIPELINE);
        admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(pipelineAccount).withNamespace(NAMESPACE)
                .endMetadata().build()).serverSideApply();
        Files.createDirectories(WORK_DIR);
        KubeletStandIn.register(IMAGE, step -> Files.writeString(step.output().resolve("request.yaml"),
                "request: " + step.env().getOrDefault("KRATIX_OBJECT_NAME", "?") + "\n"));
        KubeletStandIn.start(KubeletStandIn.DEFAULT_ADAPTER_IMAGE,
                InstalledPledge.kubeconfigFor(NAMESPACE, pipelineAccount, WORK_DIR));

        Map<String, String> env = new LinkedHashMap<>(InstalledPledge.deploymentEnv(InstalledPledge.SERVICE_ACCOUNT));
        env.put("PLEDGE_PIPELINE_ADAPTER_IMAGE", KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
        String operatorUser = InstalledPledge.user(InstalledPledge.SERVICE_ACCOUNT);
        String pipelineUser = "system:serviceaccount:" + NAMESPACE + ":" + pipelineAccount;
        try (OperatorProcess operator = OperatorProcess.start("operator-requests-" + count,
                InstalledPledge.kubeconfigFor(InstalledPledge.SERVICE_ACCOUNT, WORK_DIR), env, WORK_DIR, jvmOptions)) {
            awaitUntil("the Destinations are Ready", Duration.ofMinutes(4), () -> readyDestinations(admin) == DESTINATIONS,
                    operator);
            admin.resource(promise(limit)).create();
            awaitUntil("the Promise is Available", Duration.ofMinutes(4), () -> available(admin), operator);
            SharedIndexInformer<GenericKubernetesResource> requests = admin.genericKubernetesResources(GROUP + "/v1",
                    KIND).inNamespace(NAMESPACE).inform();
            Thread.sleep(3_000);  // let start-up settle so the burst's numbers are the burst's
            int commitsBefore = BareRepositories.commits(bare, "main").size();
            double reconcilesBefore = reconciles(operator);
            Processes processes = new Processes(operator.pid());
            double cpuBefore = processes.cpuSeconds();
            Instant first = Instant.now();
            long start = System.nanoTime();
            long lastCreate = createConcurrently(count, RequestThroughputBenchmark::request);
            long inGit = awaitNanos(() -> processes.sampled(
                    resourcesIn(BareRepositories.paths(bare, "main"), NAMESPACE, PROMISE).size() >= count), start, operator);
            long completed = awaitNanos(() -> processes.sampled(
                    requests.getStore().list().stream().filter(RequestThroughputBenchmark::completed).count() >= count),
                    start, operator);
            Instant converged = Instant.now();
            double cpu = processes.cpuSeconds() - cpuBefore;
            double reconciles = reconciles(operator) - reconcilesBefore;
            long peakRss = processes.peakRssKib();
            int commits = BareRepositories.commits(bare, "main").size() - commitsBefore;
            requests.stop();
            List<AuditLog.Request> byOperator = between(AuditLog.of(operatorUser), first, converged);
            List<AuditLog.Request> byPipeline = between(AuditLog.of(pipelineUser), first, converged);

            StringBuilder verbs = new StringBuilder();
            for (String verb : VERBS) {
                int n = verb(byOperator, verb);
                verbs.append(String.format(Locale.ROOT, "%n        %-7s %6d  %6.2f per request  %s per reconcile", verb, n,
                        (double) n / count, perReconcile(n, reconciles)));
            }
            System.out.printf(Locale.ROOT, """

                    RequestThroughputBenchmark N=%d, runner %s, rollout limit %s, operator JVM options %s, %s, %d cores
                    load average at start %s, at the end %s
                    last create                  %6.1f s after the first (%d clients)
                    every request's file in Git  %6.1f s after the first create (%.1f s after the last)
                    every request ConfigureWorkflowCompleted=True %6.1f s after the first create
                    commits                      %d
                    request reconciles           %s
                    operator API requests (audit log, leader election and rights checks apart: %d):%s
                    LISTs per request reconcile  %s
                    operator requests by verb and resource: %s
                    pipeline ServiceAccount requests by verb and resource: %s
                    operator CPU %.1f s; peak RSS %d MiB
                    operator processes %s

                    | %d | %.1f s | %.1f s (%.1f s) | %.1f s | %d | %s | %s | %s | %.1f s | %d MiB | %s |
                    """,
                    count, System.getProperty("test.pledge.runner", "target/quarkus-app/quarkus-run.jar"),
                    limit == null ? "(operator default)" : limit,
                    jvmOptions.isEmpty() ? "(none: as shipped)" : String.join(" ", jvmOptions), Instant.now(),
                    Runtime.getRuntime().availableProcessors(), loadAtStart, load(),
                    seconds(lastCreate), BenchPlatform.CLIENTS, seconds(inGit), seconds(inGit - lastCreate),
                    seconds(completed), commits, Double.isNaN(reconciles) ? "n/a (this build has no such metric)"
                            : String.format(Locale.ROOT, "%.0f (%.2f per request)", reconciles, reconciles / count),
                    housekeeping(byOperator), verbs, perReconcile(verb(byOperator, "list"), reconciles),
                    byVerbAndResource(byOperator), byVerbAndResource(byPipeline), cpu, peakRss / 1024,
                    processes.describe(),
                    count, seconds(lastCreate), seconds(inGit), seconds(inGit - lastCreate), seconds(completed), commits,
                    perRequest(byOperator, count), perReconcile(verb(byOperator, "list"), reconciles),
                    Double.isNaN(reconciles) ? "n/a" : String.format(Locale.ROOT, "%.0f", reconciles), cpu,
                    peakRss / 1024, loadAtStart + " / " + load());
        }
    }

    /** The Promise of {@code bench/request-benchmark-promise.yaml}, with the rollout-limit annotation if given. */
    private static GenericKubernetesResource promise(String limit) throws java.io.IOException {
        try (var yaml = RequestThroughputBenchmark.class.getResourceAsStream("/bench/request-benchmark-promise.yaml")) {
            GenericKubernetesResource promise = ControlPlane.client().getKubernetesSerialization().unmarshal(yaml,
                    GenericKubernetesResource.class);
            if (limit != null) {
                promise.getMetadata().setAnnotations(Map.of("pledge.dev/max-concurrent-workflows", limit));
            }
            return promise;
        }
    }

    static GenericKubernetesResource request(int i) {
        GenericKubernetesResource request = new GenericKubernetesResource();
        request.setApiVersion(GROUP + "/v1");
        request.setKind(KIND);
        request.setMetadata(new ObjectMetaBuilder().withName("r-%04d".formatted(i)).withNamespace(NAMESPACE).build());
        request.setAdditionalProperty("spec", Map.of("size", "small"));
        return request;
    }

    private static boolean available(KubernetesClient admin) {
        GenericKubernetesResource promise = admin.genericKubernetesResources("platform.kratix.io/v1alpha1", "Promise")
                .withName(PROMISE).get();
        return promise != null && promise.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && "Available".equals(status.get("status"));
    }

    private static boolean completed(GenericKubernetesResource request) {
        return request.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && status.get("conditions") instanceof List<?> conditions && conditions.stream()
                        .anyMatch(c -> c instanceof Map<?, ?> m && "ConfigureWorkflowCompleted".equals(m.get("type"))
                                && "True".equals(m.get("status")));
    }

    /**
     * Reconciles of this Promise's requests so far, from the operator's {@code pledge_controller_reconcile_seconds}
     * count; NaN where the build has no such meter.
     */
    private static double reconciles(OperatorProcess operator) {
        HttpResponse<String> metrics = operator.get("/q/metrics");
        if (metrics == null || metrics.statusCode() != 200) {
            return Double.NaN;
        }
        return metrics.body().lines().filter(l -> l.startsWith("pledge_controller_reconcile_seconds_count{"))
                .filter(l -> l.contains("controller=\"requests-" + PROMISE + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElse(Double.NaN);
    }

    private static String perReconcile(int n, double reconciles) {
        return Double.isNaN(reconciles) ? "n/a" : String.format(Locale.ROOT, "%.2f", n / reconciles);
    }

    /** "get 1.00, patch 2.00, ..." per request, the verbs that occurred. */
    private static String perRequest(List<AuditLog.Request> requests, int count) {
        StringBuilder out = new StringBuilder();
        for (String verb : VERBS) {
            int n = verb(requests, verb);
            if (n > 0) {
                out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", verb,
                        (double) n / count));
            }
        }
        return out.toString();
    }

    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
