package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.BucketStateStore;
import dev.pledge.api.BucketStateStoreSpec;
import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.SecretRef;
import dev.pledge.api.WorkPlacement;
import dev.pledge.testing.GitStores;
import dev.pledge.testing.ApiWrites;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.ControlPlaneResource;
import dev.pledge.testing.GitHttpServer;
import dev.pledge.testing.S3Server;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * The whole control loop on the real control plane with real state stores: Promise → static-dependency Work →
 * WorkPlacements → files in a Git repository (smart HTTP, basic auth) or an S3 bucket.
 */
@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class ControlLoopTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration IDLE = Duration.ofSeconds(Long.getLong("test.idle.seconds", 60));
    final KubernetesClient client = ControlPlane.client();

    // ---- seed 004: scheduling Promises

    @Test
    void promiseDependenciesLandOnlyInTheStoresOfMatchingDestinations() {
        Path repo = gitStore("seed4");
        destination("s4-dev", "seed4", Map.of("suite", "s4", "env", "dev"), false);
        destination("s4-dev-eu", "seed4", Map.of("suite", "s4", "env", "dev", "zone", "eu"), false);
        destination("s4-prod", "seed4", Map.of("suite", "s4", "env", "prod"), false);
        destination("s4-strict", "seed4", Map.of("suite", "s4", "env", "dev"), true);
        destination("s4-unlabelled", "seed4", Map.of(), false);
        create(promise("s4-jenkins", Map.of("suite", "s4", "env", "dev"), "jenkins-ns"));

        String file = "dependencies/s4-jenkins/5058f/static/s4-jenkins-dependencies.yaml";
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(BareRepositories.files(repo, "main"))
                .containsKeys("s4-dev/" + file, "s4-dev-eu/" + file, "s4-strict/" + file));
        Map<String, String> files = BareRepositories.files(repo, "main");
        assertThat(files.get("s4-dev/" + file)).contains("kind: Namespace", "name: jenkins-ns");
        assertThat(files).doesNotContainKeys("s4-prod/" + file, "s4-unlabelled/" + file);
        assertThat(files).containsKeys("s4-dev/dependencies/kratix-canary-namespace.yaml",
                "s4-dev/resources/kratix-canary-configmap.yaml");
    }

    @Test
    void aDestinationRegisteredLaterReceivesThePromiseDependencies() {
        Path repo = gitStore("later");
        destination("lt-first", "later", Map.of("suite", "lt"), false);
        create(promise("lt-promise", Map.of("suite", "lt"), "lt-ns"));
        String file = "dependencies/lt-promise/5058f/static/lt-promise-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey("lt-first/" + file));

        destination("lt-second", "later", Map.of("suite", "lt"), false);

        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey("lt-second/" + file));
    }

    @Test
    void dependenciesReachEveryNonStrictDestinationWhenThePromiseHasNoSelector() {
        Path repo = gitStore("noselector");
        destination("ns-plain", "noselector", Map.of("suite", "ns"), false);
        destination("ns-bare", "noselector", Map.of(), false);
        destination("ns-strict-bare", "noselector", Map.of(), true);
        create(promise("ns-everywhere", Map.of(), "everywhere-ns"));

        String file = "dependencies/ns-everywhere/5058f/static/ns-everywhere-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").keySet()
                .containsAll(java.util.List.of("ns-plain/" + file, "ns-bare/" + file)));
        assertThat(BareRepositories.files(repo, "main")).doesNotContainKey("ns-strict-bare/" + file);
    }

    // ---- seed 000: updates leave orphans

    @Test
    void promiseUpdateToProdOrphansTheDevPlacementWhichKeepsItsFilesUntilDeleted() {
        Path repo = gitStore("seed0");
        destination("s0-dev", "seed0", Map.of("suite", "s0", "environment", "dev"), false);
        destination("s0-prod", "seed0", Map.of("suite", "s0", "environment", "prod"), false);
        create(promise("s0-namespace", Map.of("suite", "s0", "environment", "dev"), "foo"));
        String file = "dependencies/s0-namespace/5058f/static/s0-namespace-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").getOrDefault("s0-dev/" + file, "")
                .contains("name: foo"));

        update("s0-namespace", Map.of("suite", "s0", "environment", "prod"), "bar");

        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").getOrDefault("s0-prod/" + file, "")
                .contains("name: bar"));
        assertThat(BareRepositories.files(repo, "main").get("s0-dev/" + file)).contains("name: foo");
        String devPlacement = "s0-namespace-static-deps.s0-dev-5058f";
        await().atMost(TIMEOUT).until(() -> WorkPlacements.isOrphaned(placement(devPlacement)));
        assertThat(client.resources(WorkPlacement.class).inNamespace(ControlPlaneResource.SYSTEM_NAMESPACE)
                .withLabel(KratixLabels.ORPHANED, "true").list().getItems())
                .extracting(p -> p.getMetadata().getName()).contains(devPlacement);

        update("s0-namespace", Map.of("suite", "s0", "environment", "prod"), "baz");
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").getOrDefault("s0-prod/" + file, "")
                .contains("name: baz"));
        assertThat(BareRepositories.files(repo, "main").get("s0-dev/" + file)).as("orphans are not updated")
                .contains("name: foo");

        client.resources(WorkPlacement.class).inNamespace(ControlPlaneResource.SYSTEM_NAMESPACE).withName(devPlacement)
                .delete();
        await().atMost(TIMEOUT).until(() -> !BareRepositories.files(repo, "main").containsKey("s0-dev/" + file));
        assertThat(BareRepositories.files(repo, "main").get("s0-prod/" + file)).contains("name: baz");
    }

    @Test
    void deletingAPromiseRemovesItsPlacementsAndTheirFiles() {
        Path repo = gitStore("goodbye");
        destination("gb-dest", "goodbye", Map.of("suite", "gb"), false);
        create(promise("gb-promise", Map.of("suite", "gb"), "short-lived"));
        String file = "gb-dest/dependencies/gb-promise/5058f/static/gb-promise-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey(file));

        client.resources(Promise.class).withName("gb-promise").delete();

        await().atMost(TIMEOUT).until(() -> client.resources(Promise.class).withName("gb-promise").get() == null);
        assertThat(BareRepositories.files(repo, "main")).doesNotContainKey(file);
        assertThat(client.resources(WorkPlacement.class).inAnyNamespace().withLabel(KratixLabels.WORK,
                "gb-promise-static-deps").list().getItems()).isEmpty();
    }

    @Test
    void deletingADestinationWithCleanupAllRemovesItsFilesAndWithCleanupNoneKeepsThem() {
        Path repo = gitStore("cleanup");
        Destination all = destination("cu-all", "cleanup", Map.of("suite", "cu"), false);
        Destination none = destination("cu-none", "cleanup", Map.of("suite", "cu"), false);
        dev.pledge.testing.Conflicts.retry(() -> client.resources(Destination.class).withName("cu-all").edit(d -> {
            d.getSpec().setCleanup(DestinationSpec.Cleanup.all);
            return d;
        }));
        create(promise("cu-promise", Map.of("suite", "cu"), "kept-or-not"));
        String file = "dependencies/cu-promise/5058f/static/cu-promise-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").keySet()
                .containsAll(java.util.List.of("cu-all/" + file, "cu-none/" + file)));

        client.resource(all).delete();
        client.resource(none).delete();

        await().atMost(TIMEOUT).until(() -> client.resources(Destination.class).withName("cu-all").get() == null
                && client.resources(Destination.class).withName("cu-none").get() == null);
        await().atMost(TIMEOUT).until(() -> !BareRepositories.files(repo, "main").containsKey("cu-all/" + file));
        assertThat(BareRepositories.files(repo, "main")).containsKey("cu-none/" + file);
    }

    @Test
    void metricsCountSchedulingOutcomesWritesAndPlacementsPerDestination() {
        Path repo = gitStore("metrics");
        destination("mx-dest", "metrics", Map.of("suite", "mx"), false);
        create(promise("mx-promise", Map.of("suite", "mx"), "measured"));
        create(promise("mx-nowhere", Map.of("suite", "mx", "env", "none"), "unmeasured"));
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main")
                .containsKey("mx-dest/dependencies/mx-promise/5058f/static/mx-promise-dependencies.yaml"));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(io.restassured.RestAssured.get("/q/metrics").asString())
                .contains("pledge_scheduling_outcomes_total{outcome=\"scheduled\",promise=\"mx-promise\"}")
                .contains("pledge_scheduling_outcomes_total{outcome=\"unscheduled\",promise=\"mx-nowhere\"}")
                .contains("pledge_statestore_writes_total{kind=\"GitStateStore\",result=\"success\",store=\"metrics\"}")
                .contains("pledge_statestore_write_seconds_bucket")
                .containsPattern("pledge_placements\\{destination=\"mx-dest\"\\} [1-9]")
                .contains("# HELP pledge_scheduling_outcomes Workload groups")
                .contains("# HELP pledge_statestore_writes Batches written")
                .contains("# HELP pledge_warnings ", "# HELP pledge_statestore_batch_size"));
        // a handful of explicit buckets (plus +Inf), not a percentile histogram's 69
        String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
        assertThat(metrics.lines().filter(line -> line.startsWith("pledge_statestore_write_seconds_bucket{")
                && line.contains("store=\"metrics\"")).count()).isBetween(5L, 12L);
    }

    @Test
    void anAggregatedYamlDestinationHoldsEveryPlacementInOneFile() {
        Path repo = gitStore("aggregated");
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName("ag-dest").withLabels(Map.of("suite", "ag")).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath("ag-dest");
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore, "aggregated"));
        DestinationSpec.Filepath filepath = new DestinationSpec.Filepath();
        filepath.setMode(DestinationSpec.FilepathMode.aggregatedYAML);
        spec.setFilepath(filepath);
        destination.setSpec(spec);
        client.resource(destination).create();
        create(promise("ag-first", Map.of("suite", "ag"), "first-ns"));
        create(promise("ag-second", Map.of("suite", "ag"), "second-ns"));

        await().atMost(TIMEOUT).until(() -> {
            String all = BareRepositories.files(repo, "main").getOrDefault("ag-dest/aggregated.yaml", "");
            return all.contains("name: first-ns") && all.contains("name: second-ns");
        });

        client.resources(Promise.class).withName("ag-first").delete();
        await().atMost(TIMEOUT).until(() -> {
            String all = BareRepositories.files(repo, "main").getOrDefault("ag-dest/aggregated.yaml", "");
            return !all.contains("name: first-ns") && all.contains("name: second-ns");
        });
    }

    // ---- S3

    @Test
    void dependenciesAreWrittenToABucketStateStore() {
        S3Server s3 = S3Server.get();
        s3.client().createBucket(b -> b.bucket("control-loop"));
        secret("s3-creds", Map.of("accessKeyID", S3Server.ACCESS_KEY, "secretAccessKey", S3Server.SECRET_KEY));
        BucketStateStore store = new BucketStateStore();
        store.setMetadata(new ObjectMetaBuilder().withName("bucket").build());
        BucketStateStoreSpec spec = new BucketStateStoreSpec();
        spec.setBucketName("control-loop");
        spec.setEndpoint(s3.endpoint());
        spec.setInsecure(true);
        spec.setSecretRef(new SecretRef("s3-creds", "default"));
        store.setSpec(spec);
        client.resource(store).create();
        destination("s3-dest", DestinationSpec.StateStoreKind.BucketStateStore, "bucket", Map.of("suite", "s3"), false);
        create(promise("s3-promise", Map.of("suite", "s3"), "in-a-bucket"));

        String key = "s3-dest/dependencies/s3-promise/5058f/static/s3-promise-dependencies.yaml";
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(s3.client()
                .getObject(b -> b.bucket("control-loop").key(key), ResponseTransformer.toBytes()).asUtf8String())
                .contains("name: in-a-bucket"));
        awaitReady(client.resources(BucketStateStore.class).withName("bucket"), "True");
    }

    // ---- bad input

    @Test
    void aDestinationNamingAMissingStateStoreIsNotReadyAndSaysWhy() {
        destination("bad-missing-store", "no-such-store", Map.of("suite", "bad"), false);

        Condition ready = awaitReady(client.resources(Destination.class).withName("bad-missing-store"), "False");
        assertThat(ready.getReason()).isEqualTo("StateStoreNotFound");
        assertThat(ready.getMessage()).contains("GitStateStore/no-such-store");
        awaitEvent("bad-missing-store", "StateStoreNotFound");
    }

    /** Issue 11: {@code path: /abs-root} was silently written as {@code abs-root}. */
    @Test
    void aDestinationWithAnAbsolutePathIsNotReadyAndSaysWhy() {
        gitStore("abs-path");
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName("bad-absolute-path").build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath("/abs-root");
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore,
                "abs-path"));
        destination.setSpec(spec);
        client.resource(destination).create();

        Condition ready = awaitReady(client.resources(Destination.class).withName("bad-absolute-path"), "False");
        assertThat(ready.getReason()).isEqualTo("InvalidDestination");
        assertThat(ready.getMessage()).isEqualTo("path '/abs-root' of Destination 'bad-absolute-path' is absolute; "
                + "it must be relative to its directory");
    }

    /** Issue 11: the API server takes names up to 253 characters; every placement carries this one in a label. */
    @Test
    void aDestinationNameThatIsNotAKubernetesLabelNameIsNotReadyAndSaysWhy() {
        String name = "a-destination-whose-name-is-far-too-long-to-be-a-kubernetes-label-value";
        Path repo = gitStore("long-name");
        destination(name, "long-name", Map.of("suite", "long-name"), false);
        destination("ln-fine", "long-name", Map.of("suite", "long-name"), false);

        Condition ready = awaitReady(client.resources(Destination.class).withName(name), "False");
        assertThat(ready.getReason()).isEqualTo("InvalidDestination");
        assertThat(ready.getMessage()).isEqualTo("Destination name is " + name.length()
                + " characters long; at most 63 are allowed");

        // Scheduling leaves it out: before, every Work that selected it failed to create its placements.
        create(promise("ln-promise", Map.of("suite", "long-name"), "ln-ns"));
        String file = "ln-fine/dependencies/ln-promise/5058f/static/ln-promise-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey(file));
        assertThat(client.resources(WorkPlacement.class).inAnyNamespace().list().getItems())
                .noneMatch(p -> name.equals(p.getSpec().getTargetDestinationName()));
        assertThat(BareRepositories.files(repo, "main").keySet()).noneMatch(path -> path.startsWith(name));
    }

    /** Issue 11: basicAuth over http:// sent the password in clear without a word. */
    @Test
    void basicAuthOverPlainHttpIsRefusedUnlessTheStoreSaysInsecure() {
        String url = GitHttpServer.get().newRepository("cleartext");
        secret("cleartext-git", Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD));
        GitStateStore store = GitStores.store("cleartext", url, "cleartext-git");
        store.getSpec().setInsecure(null);
        client.resource(store).create();

        Condition refused = awaitReady(client.resources(GitStateStore.class).withName("cleartext"), "False");
        assertThat(refused.getReason()).isEqualTo("ErrorInitialisingWriter");
        assertThat(refused.getMessage()).contains("basicAuth over http:// would send the password in clear")
                .doesNotContain(GitHttpServer.PASSWORD);

        dev.pledge.testing.Conflicts.retry(() -> client.resources(GitStateStore.class).withName("cleartext").edit(s -> {
            s.getSpec().setInsecure(true);
            return s;
        }));
        awaitReady(client.resources(GitStateStore.class).withName("cleartext"), "True");
    }

    @Test
    void aStateStoreWhoseSecretIsMissingOrWrongIsNotReadyAndNeverShowsTheSecret() {
        String url = GitHttpServer.get().newRepository("secretless");
        gitStoreResource("secretless", url, "absent-secret");
        Condition missing = awaitReady(client.resources(GitStateStore.class).withName("secretless"), "False");
        assertThat(missing.getReason()).isEqualTo("SecretNotFound");
        assertThat(missing.getMessage()).isEqualTo("Secret absent-secret not found in namespace default");

        secret("wrong-secret", Map.of("username", GitHttpServer.USER, "password", "not-the-Password-42"));
        gitStoreResource("wrong-password", url, "wrong-secret");
        Condition wrong = awaitReady(client.resources(GitStateStore.class).withName("wrong-password"), "False");
        assertThat(wrong.getReason()).isEqualTo("ErrorValidatingPermissions");
        assertThat(wrong.getMessage()).doesNotContain("not-the-Password-42");
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .noneMatch(e -> e.getMessage() != null && e.getMessage().contains("not-the-Password-42"));

        // Fixing the Secret is noticed without touching the store.
        secret("wrong-secret", Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD));
        awaitReady(client.resources(GitStateStore.class).withName("wrong-password"), "True");
    }

    /** Issue 11: the operator listed and watched every Secret in the cluster; now only the ones stores name. */
    @Test
    void theOperatorReadsOnlyTheSecretsThatStoresReference() {
        secret("unrelated-secret", Map.of("token", "nobody-asked-for-this"));
        gitStore("secret-scope");
        destination("ss-dest", "secret-scope", Map.of("suite", "ss"), false);
        awaitReady(client.resources(GitStateStore.class).withName("secret-scope"), "True");
        awaitReady(client.resources(Destination.class).withName("ss-dest"), "True");

        java.util.List<String> reads = dev.pledge.testing.AuditLog.listsAndWatches("secrets");
        assertThat(reads).as("lists and watches of Secrets").isNotEmpty()
                .allSatisfy(uri -> assertThat(uri).startsWith("/api/v1/namespaces/")
                        .contains("fieldSelector=metadata.name%3D"));
        assertThat(reads).anySatisfy(uri -> assertThat(uri)
                .startsWith("/api/v1/namespaces/default/secrets?").contains("metadata.name%3Dsecret-scope-git"));
        assertThat(reads).noneSatisfy(uri -> assertThat(uri).contains("unrelated-secret"));
    }

    // ---- quiet when idle

    @Test
    void aConvergedControlLoopWritesNothingWhileIdle() throws InterruptedException {
        Path repo = gitStore("idle");
        destination("idle-a", "idle", Map.of("suite", "idle"), false);
        destination("idle-b", "idle", Map.of("suite", "idle"), false);
        create(promise("idle-loop", Map.of("suite", "idle"), "quiet"));
        String file = "dependencies/idle-loop/5058f/static/idle-loop-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").keySet()
                .containsAll(java.util.List.of("idle-a/" + file, "idle-b/" + file)));
        Thread.sleep(5_000);
        int commits = BareRepositories.commits(repo, "main").size();

        long mark = ApiWrites.mark();
        Thread.sleep(IDLE.toMillis());

        assertThat(ApiWrites.since(mark)).as("API writes during an idle minute").isEmpty();
        assertThat(BareRepositories.commits(repo, "main")).as("commits while idle").hasSize(commits);
    }

    // ---- helpers

    Path gitStore(String name) {
        String url = GitHttpServer.get().newRepository(name);
        secret(name + "-git", Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD));
        gitStoreResource(name, url, name + "-git");
        return GitHttpServer.get().repository(url);
    }

    void gitStoreResource(String name, String url, String secret) {
        client.resource(GitStores.store(name, url, secret)).create();
    }

    void secret(String name, Map<String, String> values) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withStringData(values).build()).serverSideApply();
    }

    Destination destination(String name, String store, Map<String, String> labels, boolean strict) {
        return destination(name, DestinationSpec.StateStoreKind.GitStateStore, store, labels, strict);
    }

    Destination destination(String name, DestinationSpec.StateStoreKind kind, String store, Map<String, String> labels,
            boolean strict) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStrictMatchLabels(strict);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(kind, store));
        destination.setSpec(spec);
        return client.resource(destination).create();
    }

    static Promise promise(String name, Map<String, String> selector, String namespace) {
        String selectors = selector.isEmpty() ? "" : "  destinationSelectors:\n    - matchLabels: "
                + Yaml.write(selector).strip().replace("\n", ", ").replaceFirst("^", "{") + "}\n";
        return Yaml.mapper().convertValue(Yaml.documents("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata:
                  name: %s
                spec:
                %s  dependencies:
                    - apiVersion: v1
                      kind: Namespace
                      metadata:
                        name: %s
                """.formatted(name, selectors, namespace)).get(0), Promise.class);
    }

    void create(Promise promise) {
        client.resource(promise).create();
    }

    void update(String name, Map<String, String> selector, String namespace) {
        Promise desired = promise(name, selector, namespace);
        dev.pledge.testing.Conflicts.retry(() -> client.resources(Promise.class).withName(name).edit(p -> {
            p.setSpec(desired.getSpec());
            return p;
        }));
    }

    WorkPlacement placement(String name) {
        return client.resources(WorkPlacement.class).inNamespace(ControlPlaneResource.SYSTEM_NAMESPACE).withName(name).get();
    }

    Condition awaitReady(io.fabric8.kubernetes.client.dsl.Resource<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> resource,
            String status) {
        return await().atMost(TIMEOUT).until(() -> {
            var object = resource.get();
            if (object == null || object.getStatus() == null) {
                return null;
            }
            Map<?, ?> statusMap = Yaml.mapper().convertValue(object.getStatus(), Map.class);
            var conditions = java.util.List.of(Yaml.mapper().convertValue(statusMap.get("conditions"), Condition[].class));
            return Conditions.find(conditions, "Ready").filter(c -> status.equals(c.getStatus())).orElse(null);
        }, c -> c != null);
    }

    void awaitEvent(String involved, String reason) {
        await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())));
    }
}
