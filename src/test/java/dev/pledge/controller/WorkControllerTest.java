package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Work;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.Workload;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.ControlPlaneResource;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.work.WorkloadContent;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Scheduling on the real API server: Works become WorkPlacements on the right Destinations. */
@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class WorkControllerTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String NS = ControlPlaneResource.SYSTEM_NAMESPACE;
    static final String STORE = "work-controller-tests";
    final KubernetesClient client = ControlPlane.client();

    /** The Destinations here write to a real Git repository, so their placements really get written. */
    @org.junit.jupiter.api.BeforeEach
    void storeForTheseDestinations() {
        if (client.resources(dev.pledge.api.GitStateStore.class).withName(STORE).get() != null) {
            return;
        }
        String url = dev.pledge.testing.GitHttpServer.get().newRepository(STORE);
        client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName(STORE)
                .withNamespace("default").endMetadata().withStringData(Map.of("username", dev.pledge.testing.GitHttpServer.USER,
                        "password", dev.pledge.testing.GitHttpServer.PASSWORD)).build()).serverSideApply();
        dev.pledge.api.GitStateStore store = new dev.pledge.api.GitStateStore();
        store.setMetadata(new ObjectMetaBuilder().withName(STORE).build());
        dev.pledge.api.GitStateStoreSpec spec = new dev.pledge.api.GitStateStoreSpec();
        spec.setUrl(url);
        spec.setInsecure(true);
        spec.setSecretRef(new dev.pledge.api.SecretRef(STORE, "default"));
        store.setSpec(spec);
        client.resource(store).create();
    }

    @Test
    void dependenciesArePlacedOnEveryMatchingDestinationOnly() {
        destination("wa-dev-1", Map.of("suite", "wa", "env", "dev"), false);
        destination("wa-dev-2", Map.of("suite", "wa", "env", "dev", "zone", "eu"), false);
        destination("wa-prod", Map.of("suite", "wa", "env", "prod"), false);
        work("wa-deps", "", Map.of("suite", "wa", "env", "dev"), "v1");

        awaitPlacements("wa-deps", list -> names(list).equals(List.of("wa-deps.wa-dev-1-5058f", "wa-deps.wa-dev-2-5058f")));
        WorkPlacement placement = placement("wa-deps.wa-dev-1-5058f");
        assertThat(placement.getMetadata().getLabels()).containsEntry(KratixLabels.WORK, "wa-deps")
                .containsEntry(KratixLabels.WORKLOAD_GROUP_ID, WorkloadGroup.idOf("."))
                .containsEntry(KratixLabels.TARGET_DESTINATION_NAME, "wa-dev-1");
        assertThat(placement.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("wa-deps"));
        assertThat(placement.getSpec().getWorkloads()).singleElement()
                .satisfies(w -> assertThat(new String(WorkloadContent.decode(w.getContent()))).contains("v1"));
        awaitWorkCondition("wa-deps", "Ready", "True");
    }

    @Test
    void aDestinationRegisteredLaterReceivesTheDependencies() {
        destination("wb-first", Map.of("suite", "wb"), false);
        work("wb-deps", "", Map.of("suite", "wb"), "v1");
        awaitPlacements("wb-deps", list -> list.size() == 1);

        destination("wb-later", Map.of("suite", "wb"), false);

        awaitPlacements("wb-deps", list -> names(list).equals(List.of("wb-deps.wb-first-5058f", "wb-deps.wb-later-5058f")));
    }

    @Test
    void updatedSelectorOrphansTheOldPlacementAndTargetsTheNewDestinations() {
        destination("wc-dev", Map.of("suite", "wc", "environment", "dev"), false);
        destination("wc-prod", Map.of("suite", "wc", "environment", "prod"), false);
        work("wc-deps", "", Map.of("suite", "wc", "environment", "dev"), "namespace foo");
        awaitPlacements("wc-deps", list -> names(list).equals(List.of("wc-deps.wc-dev-5058f")));

        updateWork("wc-deps", Map.of("suite", "wc", "environment", "prod"), "namespace bar");

        awaitPlacements("wc-deps", list -> list.size() == 2 && list.stream().anyMatch(WorkPlacements::isOrphaned));
        WorkPlacement dev = placement("wc-deps.wc-dev-5058f");
        assertThat(dev.getMetadata().getLabels()).containsEntry(KratixLabels.ORPHANED, "true");
        assertThat(content(dev)).isEqualTo("namespace foo");
        assertThat(content(placement("wc-deps.wc-prod-5058f"))).isEqualTo("namespace bar");
        assertThat(placement("wc-deps.wc-prod-5058f").getMetadata().getLabels()).doesNotContainKey(KratixLabels.ORPHANED);
        awaitWorkCondition("wc-deps", "Ready", "False");

        updateWork("wc-deps", Map.of("suite", "wc", "environment", "prod"), "namespace baz");
        await().atMost(TIMEOUT).until(() -> content(placement("wc-deps.wc-prod-5058f")).equals("namespace baz"));
        assertThat(content(placement("wc-deps.wc-dev-5058f"))).as("an orphan is not updated").isEqualTo("namespace foo");
    }

    @Test
    void anOrphanIsAdoptedAgainWhenItsDestinationMatchesAgain() {
        destination("wd-one", Map.of("suite", "wd", "tier", "gold"), false);
        work("wd-deps", "", Map.of("suite", "wd", "tier", "gold"), "v1");
        awaitPlacements("wd-deps", list -> list.size() == 1);

        relabel("wd-one", Map.of("suite", "wd", "tier", "silver"));
        await().atMost(TIMEOUT).until(() -> WorkPlacements.isOrphaned(placement("wd-deps.wd-one-5058f")));
        updateWork("wd-deps", Map.of("suite", "wd", "tier", "gold"), "v2");
        relabel("wd-one", Map.of("suite", "wd", "tier", "gold"));

        await().atMost(TIMEOUT).until(() -> {
            WorkPlacement p = placement("wd-deps.wd-one-5058f");
            return !WorkPlacements.isOrphaned(p) && content(p).equals("v2");
        });
    }

    @Test
    void aResourceWorkLandsOnExactlyOneMatchingDestinationAndStaysThere() {
        destination("we-a", Map.of("suite", "we"), false);
        destination("we-b", Map.of("suite", "we"), false);
        work("we-request", "orders", Map.of("suite", "we"), "v1");
        List<WorkPlacement> first = awaitPlacements("we-request", list -> list.size() == 1);
        String chosen = first.get(0).getSpec().getTargetDestinationName();

        destination("we-c", Map.of("suite", "we"), false);
        updateWork("we-request", Map.of("suite", "we"), "v2");

        List<WorkPlacement> after = awaitPlacements("we-request", list -> list.size() == 1 && content(list.get(0)).equals("v2"));
        assertThat(after.get(0).getSpec().getTargetDestinationName()).isEqualTo(chosen);
    }

    @Test
    void strictDestinationsReceiveOnlyWorkThatSelectsThem() {
        destination("wf-strict", Map.of(), true);
        destination("wf-strict-labelled", Map.of("suite", "wf"), true);
        work("wf-deps", "", Map.of("suite", "wf"), "v1");

        awaitPlacements("wf-deps", list -> names(list).equals(List.of("wf-deps.wf-strict-labelled-5058f")));
    }

    @Test
    void workWithNoMatchingDestinationSaysSoInItsStatusAndAnEvent() {
        work("wg-nowhere", "", Map.of("suite", "wg", "env", "nowhere"), "v1");

        var condition = awaitWorkCondition("wg-nowhere", "ScheduleSucceeded", "False");
        assertThat(condition.getReason()).isEqualTo("UnscheduledWorkloads");
        assertThat(condition.getMessage()).contains(WorkloadGroup.idOf("."));
        await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
                .anyMatch(e -> "wg-nowhere".equals(e.getInvolvedObject().getName())
                        && "NoMatchingDestination".equals(e.getReason())));
    }

    /** Issue 11: a group id of fewer than 5 characters made the reconciler throw, and the Work got no status. */
    @Test
    void aWorkloadGroupIdShorterThanFiveCharactersStillGetsItsPlacement() {
        destination("wh-short", Map.of("suite", "wh"), false);
        Work work = new Work();
        work.setMetadata(new ObjectMetaBuilder().withName("wh-short-id").withNamespace(NS).build());
        WorkSpec spec = new WorkSpec();
        spec.setPromiseName("test-promise");
        spec.setResourceName("");
        WorkSpec.WorkloadGroup group = group(Map.of("suite", "wh"), "v1");
        group.setId("ab");
        spec.setWorkloadGroups(List.of(group));
        work.setSpec(spec);
        client.resource(work).create();

        String expected = "wh-short-id.wh-short-" + WorkloadGroup.idOf("ab").substring(0, 5);
        awaitPlacements("wh-short-id", list -> names(list).equals(List.of(expected)));
        awaitWorkCondition("wh-short-id", "Ready", "True");
    }

    /** Issue 11: over-long names failed only when each placement was written; now the Work says so at once. */
    @Test
    void aWorkWhoseNameCannotBeAPlacementLabelSaysSoInItsStatus() {
        destination("wi-any", Map.of("suite", "wi"), false);
        String name = "wi-a-work-whose-name-is-longer-than-the-sixty-three-characters-of-a-label-value";
        work(name, "", Map.of("suite", "wi"), "v1");

        var condition = awaitWorkCondition(name, "ScheduleSucceeded", "False");
        assertThat(condition.getReason()).isEqualTo("InvalidWork");
        assertThat(condition.getMessage()).isEqualTo("Work name is " + name.length() + " characters long; a label "
                + "value holds at most 63; its placements carry it in the kratix.io/work label");
        assertThat(client.resources(WorkPlacement.class).inNamespace(NS).withLabel(KratixLabels.TARGET_DESTINATION_NAME,
                "wi-any").list().getItems()).noneMatch(p -> p.getMetadata().getName().startsWith("wi-a-work"));
    }

    /**
     * Issue 15: the API server is what a burst waits for, so a Work costs it four writes, each once: the Work's
     * finalizer and status, its placement (created with its own finalizer) and the placement's status.
     */
    @Test
    void aWorkReachesItsStoreWithFourApiWrites() {
        destination("wj-one", Map.of("suite", "wj"), false);
        long mark = dev.pledge.testing.ApiWrites.mark();
        work("wj-work", "", Map.of("suite", "wj"), "v1");
        awaitWorkCondition("wj-work", "Ready", "True");
        String placement = "wj-work.wj-one-" + WorkloadGroup.idOf(".").substring(0, 5);
        await().atMost(TIMEOUT).until(() -> isTrue(client.resources(WorkPlacement.class).inNamespace(NS)
                .withName(placement).get(), "Ready"));

        assertThat(dev.pledge.testing.ApiWrites.since(mark).stream()
                .filter(w -> w.endsWith("/wj-work") || w.endsWith("/" + placement))
                .filter(w -> !w.equals("create works " + NS + "/wj-work"))  // the test's own
                .sorted())
                .containsExactly("patch workplacements " + NS + "/" + placement,
                        "patch workplacements/status " + NS + "/" + placement,
                        "patch works " + NS + "/wj-work", "patch works/status " + NS + "/wj-work");
        assertThat(client.resources(WorkPlacement.class).inNamespace(NS).withName(placement).get().getMetadata()
                .getFinalizers()).containsExactly(WorkPlacements.REPO_CLEANUP_FINALIZER);
    }

    private static boolean isTrue(WorkPlacement placement, String type) {
        return placement != null && placement.getStatus() != null && placement.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    // ---- helpers

    void destination(String name, Map<String, String> labels, boolean strict) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStrictMatchLabels(strict);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore, STORE));
        destination.setSpec(spec);
        client.resource(destination).create();
    }

    void relabel(String destination, Map<String, String> labels) {
        dev.pledge.testing.Conflicts.retry(() -> client.resources(Destination.class).withName(destination).edit(d -> {
            d.getMetadata().setLabels(labels);
            return d;
        }));
    }

    void work(String name, String resourceName, Map<String, String> selector, String document) {
        Work work = new Work();
        work.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        WorkSpec spec = new WorkSpec();
        spec.setPromiseName("test-promise");
        spec.setResourceName(resourceName);
        spec.setWorkloadGroups(List.of(group(selector, document)));
        work.setSpec(spec);
        client.resource(work).create();
    }

    void updateWork(String name, Map<String, String> selector, String document) {
        dev.pledge.testing.Conflicts.retry(() -> client.resources(Work.class).inNamespace(NS).withName(name).edit(w -> {
            w.getSpec().setWorkloadGroups(List.of(group(selector, document)));
            return w;
        }));
    }

    static WorkSpec.WorkloadGroup group(Map<String, String> selector, String document) {
        WorkSpec.WorkloadGroup group = new WorkSpec.WorkloadGroup();
        group.setDirectory(".");
        group.setId(WorkloadGroup.idOf("."));
        group.setWorkloads(List.of(new Workload("doc.yaml", WorkloadContent.encode(document))));
        group.setDestinationSelectors(List.of(new WorkSpec.WorkloadGroupSelector(selector, "promise")));
        return group;
    }

    List<WorkPlacement> awaitPlacements(String work, Predicate<List<WorkPlacement>> condition) {
        return await().atMost(TIMEOUT).until(() -> client.resources(WorkPlacement.class).inNamespace(NS)
                .withLabel(KratixLabels.WORK, work).list().getItems(), condition);
    }

    WorkPlacement placement(String name) {
        return client.resources(WorkPlacement.class).inNamespace(NS).withName(name).get();
    }

    io.fabric8.kubernetes.api.model.Condition awaitWorkCondition(String work, String type, String status) {
        return await().atMost(TIMEOUT).until(() -> {
            Work w = client.resources(Work.class).inNamespace(NS).withName(work).get();
            return w == null || w.getStatus() == null ? null : Conditions.find(w.getStatus().getConditions(), type)
                    .filter(c -> status.equals(c.getStatus())).orElse(null);
        }, c -> c != null);
    }

    static List<String> names(List<WorkPlacement> placements) {
        return placements.stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }

    static String content(WorkPlacement placement) {
        return new String(WorkloadContent.decode(placement.getSpec().getWorkloads().get(0).getContent()));
    }
}
