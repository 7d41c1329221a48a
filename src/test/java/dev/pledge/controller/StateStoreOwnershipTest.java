package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.Work;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.Workload;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.ControlPlaneResource;
import dev.pledge.testing.GitStores;
import dev.pledge.work.WorkloadContent;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A file in a state store has one owner, on the real control plane and Git server: a Work created elsewhere that
 * names another Promise, or writes Pledge's own files, is refused with a condition naming the owner, and the
 * owner's files stay as they were, also when the intruder is deleted.
 */
@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class StateStoreOwnershipTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String SYSTEM = ControlPlaneResource.SYSTEM_NAMESPACE;
    final KubernetesClient client = ControlPlane.client();

    @Test
    void aWorkInAnotherNamespaceNamingAPromiseCannotReplaceOrDeleteItsDependencies() {
        Path repo = GitStores.onTheHttpServer(client, "ownership-git");
        destination("own-1", "ownership-git", DestinationSpec.FilepathMode.nestedByMetadata);
        destination("own-2", "ownership-git", DestinationSpec.FilepathMode.nestedByMetadata);
        client.resource(ControlLoopTest.promise("own-p", Map.of("suite", "own-1-own-2"), "the-real-one")).create();
        String file = "dependencies/own-p/5058f/static/own-p-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").keySet()
                .containsAll(List.of("own-1/" + file, "own-2/" + file)));
        awaitWriteSucceeded(SYSTEM, "own-p-static-deps.own-1-5058f", "True");
        awaitWriteSucceeded(SYSTEM, "own-p-static-deps.own-2-5058f", "True");
        Map<String, String> before = BareRepositories.files(repo, "main");
        int commits = BareRepositories.commits(repo, "main").size();

        namespace("intruder");
        work("intruder", "fake", "own-p", Map.of("suite", "own-1-own-2"),
                new Workload("static/own-p-dependencies.yaml", WorkloadContent.encode("kind: Namespace\nname: hacked\n")));

        for (String destination : List.of("own-1", "own-2")) {
            Condition refused = awaitWriteSucceeded("intruder", "fake." + destination + "-5058f", "False");
            assertThat(refused.getReason()).isEqualTo("FilesOwnedByAnotherPlacement");
            assertThat(refused.getMessage())
                    .contains("'" + destination + "/dependencies/own-p/5058f'")
                    .contains("belongs to WorkPlacement " + SYSTEM + "/own-p-static-deps." + destination + "-5058f")
                    .contains("WorkPlacement intruder/fake." + destination + "-5058f wrote nothing");
        }
        Condition onTheWork = await().atMost(TIMEOUT).until(() -> condition(
                client.resources(Work.class).inNamespace("intruder").withName("fake").get(), "ScheduleSucceeded"),
                c -> c.isPresent() && c.get().getMessage().contains("belongs to WorkPlacement " + SYSTEM
                        + "/own-p-static-deps.own-2-5058f")).orElseThrow();
        assertThat(onTheWork.getMessage()).contains(SYSTEM + "/own-p-static-deps.own-1-5058f");
        assertThat(BareRepositories.files(repo, "main")).isEqualTo(before);
        assertThat(BareRepositories.commits(repo, "main")).hasSize(commits);

        client.resources(Work.class).inNamespace("intruder").withName("fake").delete();
        await().atMost(TIMEOUT).until(() -> client.resources(WorkPlacement.class).inNamespace("intruder")
                .withLabel(KratixLabels.WORK, "fake").list().getItems().isEmpty());
        assertThat(BareRepositories.files(repo, "main")).as("the owner's files after the intruder is deleted")
                .isEqualTo(before);
        assertThat(BareRepositories.commits(repo, "main")).hasSize(commits);
    }

    @Test
    void inModeNoneWorkloadsCannotReplaceCanaryFilesStateFilesOrAnotherPlacementsFiles() {
        Path repo = GitStores.onTheHttpServer(client, "ownership-flat");
        destination("own-flat", "ownership-flat", DestinationSpec.FilepathMode.none);
        String canary = "own-flat/kratix-canary-namespace.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey(canary));
        namespace("team-a");
        namespace("intruder");
        Map<String, String> selector = Map.of("suite", "own-flat");
        work("team-a", "first", "flat-p", selector, new Workload("app.yaml", WorkloadContent.encode("kind: App\n")));
        String stateFile = "own-flat/.kratix/team-a-first.own-flat-5058f.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").keySet()
                .containsAll(List.of("own-flat/app.yaml", stateFile)));
        awaitWriteSucceeded("team-a", "first.own-flat-5058f", "True");
        Map<String, String> before = BareRepositories.files(repo, "main");
        int commits = BareRepositories.commits(repo, "main").size();

        work("intruder", "canary", "flat-p", selector,
                new Workload("kratix-canary-namespace.yaml", WorkloadContent.encode("kind: Namespace\nname: x\n")));
        work("intruder", "state", "flat-p", selector, new Workload(".kratix/team-a-first.own-flat-5058f.yaml",
                WorkloadContent.encode("files:\n- kratix-canary-configmap.yaml\n")));
        work("intruder", "copy", "flat-p", selector, new Workload("app.yaml", WorkloadContent.encode("kind: Evil\n")));

        assertThat(awaitWriteSucceeded("intruder", "canary.own-flat-5058f", "False").getMessage())
                .contains("workload path 'kratix-canary-namespace.yaml'").contains("is reserved for Pledge's canary files");
        assertThat(awaitWriteSucceeded("intruder", "state.own-flat-5058f", "False").getMessage())
                .contains("workload path '.kratix/team-a-first.own-flat-5058f.yaml'")
                .contains("is reserved for Pledge's state files");
        Condition copy = awaitWriteSucceeded("intruder", "copy.own-flat-5058f", "False");
        assertThat(copy.getReason()).isEqualTo("FilesOwnedByAnotherPlacement");
        assertThat(copy.getMessage()).contains("'own-flat/app.yaml'")
                .contains("belongs to WorkPlacement team-a/first.own-flat-5058f");
        assertThat(BareRepositories.files(repo, "main")).isEqualTo(before);
        assertThat(BareRepositories.commits(repo, "main")).hasSize(commits);

        // The owner still updates its own file.
        dev.pledge.testing.Conflicts.retry(() -> client.resources(Work.class).inNamespace("team-a").withName("first")
                .edit(w -> {
                    w.getSpec().getWorkloadGroups().get(0).setWorkloads(List.of(
                            new Workload("app.yaml", WorkloadContent.encode("kind: App\nversion: 2\n"))));
                    return w;
                }));
        await().atMost(TIMEOUT).until(() -> "kind: App\nversion: 2\n".equals(
                BareRepositories.files(repo, "main").get("own-flat/app.yaml")));
        assertThat(BareRepositories.files(repo, "main").get(canary)).isEqualTo(before.get(canary));
    }

    // ---- helpers

    void destination(String name, String store, DestinationSpec.FilepathMode mode) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name)
                .withLabels(Map.of("suite", name.startsWith("own-flat") ? "own-flat" : "own-1-own-2")).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore, store));
        DestinationSpec.Filepath filepath = new DestinationSpec.Filepath();
        filepath.setMode(mode);
        spec.setFilepath(filepath);
        destination.setSpec(spec);
        client.resource(destination).create();
    }

    void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .serverSideApply();
    }

    /** A Work as anyone allowed to create Works in the namespace could write it: a dependency of the Promise. */
    void work(String namespace, String name, String promise, Map<String, String> selector, Workload... workloads) {
        Work work = new Work();
        work.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        WorkSpec spec = new WorkSpec();
        spec.setPromiseName(promise);
        spec.setResourceName("");
        WorkSpec.WorkloadGroup group = new WorkSpec.WorkloadGroup();
        group.setDirectory(WorkloadGroup.ROOT);
        group.setId(WorkloadGroup.ROOT_ID);
        group.setWorkloads(List.of(workloads));
        group.setDestinationSelectors(List.of(new WorkSpec.WorkloadGroupSelector(selector, "promise")));
        spec.setWorkloadGroups(List.of(group));
        work.setSpec(spec);
        client.resource(work).create();
    }

    Condition awaitWriteSucceeded(String namespace, String placement, String status) {
        return await().atMost(TIMEOUT).until(() -> condition(client.resources(WorkPlacement.class)
                .inNamespace(namespace).withName(placement).get(), "WriteSucceeded"),
                c -> c.isPresent() && status.equals(c.get().getStatus())).orElseThrow();
    }

    static Optional<Condition> condition(io.fabric8.kubernetes.client.CustomResource<?, ?> object, String type) {
        if (object == null || object.getStatus() == null) {
            return Optional.empty();
        }
        Map<?, ?> status = dev.pledge.yaml.Yaml.mapper().convertValue(object.getStatus(), Map.class);
        Object conditions = status.get("conditions");
        if (conditions == null) {
            return Optional.empty();
        }
        return Conditions.find(List.of(dev.pledge.yaml.Yaml.mapper().convertValue(conditions, Condition[].class)), type);
    }
}
