package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.BucketStateStore;
import dev.pledge.api.BucketStateStoreSpec;
import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.api.SecretRef;
import dev.pledge.testing.ApiWrites;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.ControlPlaneResource;
import dev.pledge.testing.GitHttpServer;
import dev.pledge.testing.GitStores;
import dev.pledge.testing.S3Server;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * Self-repair on the real control plane, Git server and s3proxy: files deleted or edited behind Pledge's back come
 * back within the store's reconciliation interval (2 s here, set by annotation), in one commit, counted in
 * {@code pledge_statestore_repaired_files_total}; a converged store verified every 2 s makes no commit and no API
 * write.
 */
@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class SelfRepairTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Many intervals: the file must be back well within this, whatever the machine's load. */
    static final Duration REPAIRED_WITHIN = Duration.ofSeconds(30);
    static final Duration IDLE = Duration.ofSeconds(20);
    static final String INTERVAL = "2s";
    final KubernetesClient client = ControlPlane.client();

    @Inject
    MeterRegistry registry;

    @Test
    void aFileDeletedOrEditedBehindTheOperatorsBackComesBackWithinTheInterval() {
        Path repo = gitStore("repair-git");
        destination("repair-1", DestinationSpec.StateStoreKind.GitStateStore, "repair-git");
        client.resource(ControlLoopTest.promise("repair-p", Map.of("suite", "repair-1"), "repaired")).create();
        String file = "repair-1/dependencies/repair-p/5058f/static/repair-p-dependencies.yaml";
        String canary = "repair-1/dependencies/kratix-canary-namespace.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey(file));
        awaitWritten("repair-p-static-deps.repair-1-5058f");
        Map<String, String> converged = BareRepositories.files(repo, "main");
        double repairedBefore = repaired("repair-git");
        int commitsBefore = BareRepositories.commits(repo, "main").size();

        Map<String, String> tampering = new java.util.HashMap<>();
        tampering.put(file, null);
        tampering.put(canary, "kind: Namespace\nmetadata: {name: edited}\n");
        BareRepositories.commitBehindPledgesBack(repo, "main", tampering);

        await().atMost(REPAIRED_WITHIN).until(() -> BareRepositories.files(repo, "main").equals(converged));
        assertThat(BareRepositories.commits(repo, "main")).as("the tampering commit, then one commit restoring both")
                .hasSize(commitsBefore + 2);
        assertThat(BareRepositories.commits(repo, "main").get(0).getAuthorIdent().getName()).isEqualTo("kratix");
        assertThat(repaired("repair-git") - repairedBefore).isEqualTo(2);
    }

    @Test
    void aConvergedStoreVerifiedEveryTwoSecondsMakesNoCommitsAndNoApiWrites() throws InterruptedException {
        Path repo = gitStore("quiet-git");
        destination("quiet-1", DestinationSpec.StateStoreKind.GitStateStore, "quiet-git");
        client.resource(ControlLoopTest.promise("quiet-p", Map.of("suite", "quiet-1"), "quiet")).create();
        String file = "quiet-1/dependencies/quiet-p/5058f/static/quiet-p-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey(file));
        awaitWritten("quiet-p-static-deps.quiet-1-5058f");
        Thread.sleep(5_000);
        int commits = BareRepositories.commits(repo, "main").size();

        long mark = ApiWrites.mark();
        Thread.sleep(IDLE.toMillis());

        assertThat(ApiWrites.since(mark)).as("API writes while idle, verified every " + INTERVAL).isEmpty();
        assertThat(BareRepositories.commits(repo, "main")).as("commits while idle").hasSize(commits);
        // ... and the verification was running all along: a deletion now is repaired on the same interval.
        Map<String, String> deletion = new java.util.HashMap<>();
        deletion.put(file, null);
        BareRepositories.commitBehindPledgesBack(repo, "main", deletion);
        await().atMost(REPAIRED_WITHIN).until(() -> BareRepositories.files(repo, "main").containsKey(file));
    }

    @Test
    void anObjectDeletedFromABucketComesBackWithinTheInterval() {
        S3Server s3 = S3Server.get();
        s3.client().createBucket(b -> b.bucket("self-repair"));
        client.resource(new SecretBuilder().withNewMetadata().withName("repair-s3").withNamespace("default")
                .endMetadata().withStringData(Map.of("accessKeyID", S3Server.ACCESS_KEY, "secretAccessKey",
                        S3Server.SECRET_KEY)).build()).serverSideApply();
        BucketStateStore store = new BucketStateStore();
        store.setMetadata(new ObjectMetaBuilder().withName("repair-bucket")
                .withAnnotations(Map.of(StateStoreReconciler.RECONCILIATION_INTERVAL_ANNOTATION, INTERVAL)).build());
        BucketStateStoreSpec spec = new BucketStateStoreSpec();
        spec.setBucketName("self-repair");
        spec.setEndpoint(s3.endpoint());
        spec.setInsecure(true);
        spec.setSecretRef(new SecretRef("repair-s3", "default"));
        store.setSpec(spec);
        client.resource(store).create();
        destination("repair-s3", DestinationSpec.StateStoreKind.BucketStateStore, "repair-bucket");
        client.resource(ControlLoopTest.promise("repair-s3-p", Map.of("suite", "repair-s3"), "in-a-bucket")).create();
        String key = "repair-s3/dependencies/repair-s3-p/5058f/static/repair-s3-p-dependencies.yaml";
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> object(s3, key).contains("name: in-a-bucket"));
        awaitWritten("repair-s3-p-static-deps.repair-s3-5058f");
        double repairedBefore = repaired("repair-bucket");

        s3.client().deleteObject(b -> b.bucket("self-repair").key(key));

        await().atMost(REPAIRED_WITHIN).ignoreExceptions().until(() -> object(s3, key).contains("name: in-a-bucket"));
        assertThat(repaired("repair-bucket") - repairedBefore).isEqualTo(1);
    }

    // ---- helpers

    Path gitStore(String name) {
        String url = GitHttpServer.get().newRepository(name);
        client.resource(new SecretBuilder().withNewMetadata().withName(name + "-git").withNamespace("default")
                .endMetadata().withStringData(Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD))
                .build()).serverSideApply();
        GitStateStore store = GitStores.store(name, url, name + "-git");
        store.getMetadata().setAnnotations(Map.of(StateStoreReconciler.RECONCILIATION_INTERVAL_ANNOTATION, INTERVAL));
        client.resource(store).create();
        return GitHttpServer.get().repository(url);
    }

    void destination(String name, DestinationSpec.StateStoreKind kind, String store) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(Map.of("suite", name)).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(kind, store));
        destination.setSpec(spec);
        client.resource(destination).create();
    }

    void awaitWritten(String placement) {
        await().atMost(TIMEOUT).until(() -> StateStoreOwnershipTest.condition(client.resources(
                dev.pledge.api.WorkPlacement.class).inNamespace(ControlPlaneResource.SYSTEM_NAMESPACE)
                .withName(placement).get(), "WriteSucceeded"),
                c -> c.isPresent() && "True".equals(c.get().getStatus()));
    }

    double repaired(String store) {
        Counter counter = registry.find("pledge.statestore.repaired.files").tag("store", store).counter();
        return counter == null ? 0 : counter.count();
    }

    static String object(S3Server s3, String key) {
        return s3.client().getObject(b -> b.bucket("self-repair").key(key), ResponseTransformer.toBytes()).asUtf8String();
    }
}
