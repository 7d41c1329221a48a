package dev.pledge.install;

import static dev.pledge.install.Platform.CLIENT;
import static dev.pledge.install.Platform.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.KratixLabels;
import dev.pledge.testing.AuditLog;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.InstalledPledge;
import dev.pledge.testing.KubeletStandIn;
import dev.pledge.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged operators against one API server, as the Deployment's two replicas: one holds the Lease and does all
 * the work; when it is killed with SIGKILL (it cannot release the Lease) the other takes over once the Lease expires
 * and converges new work, without running any Job or writing any file a second time. The two run as two
 * ServiceAccounts bound to the same roles, so the audit log tells their requests apart.
 */
class LeaderElectionIT {
    static final Path WORK = Path.of("target", "leader-election-it");
    static final String LEASE = "pledge-operator-leader";
    static final String FIRST_ACCOUNT = InstalledPledge.SERVICE_ACCOUNT;
    static final String SECOND_ACCOUNT = "pledge-standby";
    /** Requests a follower makes that are not writes to the cluster: the Operator SDK's check of its Lease rights. */
    static final Set<String> SELF_REVIEWS = Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews");
    static OperatorProcess first;
    static OperatorProcess second;

    @BeforeAll
    static void install() {
        KubeletStandIn.start(KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
        InstalledPledge.apply();
        InstalledPledge.addServiceAccountLikePledge(SECOND_ACCOUNT);
    }

    @AfterAll
    static void stop() {
        for (OperatorProcess process : new OperatorProcess[] {first, second}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void onlyTheLeaderWritesAndTheOtherConvergesNewWorkOnceTheLeaderIsKilled() {
        Path repo = Platform.gitStore("le-store");
        Platform.destination("le-dest", "le-store", Map.of("suite", "le"));
        Platform.namespace("le-apps");
        KubeletStandIn.register("example.org/le-setup:v1", step ->
                Files.writeString(step.output().resolve("setup.yaml"), "kind: Setup\n"));
        KubeletStandIn.register("example.org/le-render:v1", step ->
                Files.writeString(step.output().resolve("app.yaml"), "app: " + step.env().get("KRATIX_OBJECT_NAME") + "\n"));

        Instant started = Instant.now();
        first = operator("first", FIRST_ACCOUNT);
        String firstIdentity = awaitLeading(first);
        second = operator("second", SECOND_ACCOUNT);
        await().atMost(TIMEOUT).until(second::started);

        CLIENT.resource(Platform.promise("le-one", "LeOne", "le", "example.org/le-setup:v1", "example.org/le-render:v1"))
                .create();
        Platform.awaitAvailable("le-one");
        Platform.request("LeOne", "orders", "le-apps");
        awaitPlaced("LeOne", "orders");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(BareRepositories.files(repo, "main").keySet())
                .anyMatch(f -> f.startsWith("le-dest/resources/le-apps/le-one/orders/")));

        assertThat(holder()).isEqualTo(firstIdentity);
        assertThat(writes(FIRST_ACCOUNT)).as("the leader's writes").isNotEmpty();
        assertThat(writes(SECOND_ACCOUNT)).as("the follower's writes while the other leads").isEmpty();
        var followerReady = second.get("/q/health/ready");
        assertThat(followerReady.statusCode()).as("a follower is ready (a rolling update waits for it): "
                + followerReady.body()).isEqualTo(200);
        assertThat(metric(first, "pledge_leader")).as("the leader's pledge_leader").containsExactly("pledge_leader 1.0");
        assertThat(metric(second, "pledge_leader")).as("the follower's pledge_leader").containsExactly("pledge_leader 0.0");
        assertThat(metric(second, "pledge_workflow_runs_total")).as("workflow runs counted by the follower").isEmpty();

        Instant killed = Instant.now();
        first.kill();
        CLIENT.resource(Platform.promise("le-two", "LeTwo", "le", "example.org/le-setup:v1", "example.org/le-render:v1"))
                .create();
        Platform.request("LeOne", "invoices", "le-apps");
        String secondIdentity = awaitLeading(second);
        Platform.awaitAvailable("le-two");
        awaitPlaced("LeOne", "invoices");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(BareRepositories.files(repo, "main").keySet())
                .anyMatch(f -> f.startsWith("le-dest/dependencies/le-two/") && f.endsWith("le-two-dependencies.yaml"))
                .anyMatch(f -> f.startsWith("le-dest/resources/le-apps/le-one/invoices/")));
        Duration failover = Duration.between(killed, Instant.now());
        Lease lease = lease();

        // the ServiceAccount pledge may have run other tests' operators in this JVM: count this test's requests only
        List<AuditLog.Request> firstWrites = writes(FIRST_ACCOUNT).stream()
                .filter(r -> !Instant.parse(r.stageTimestamp()).isBefore(started)).toList();
        List<AuditLog.Request> secondWrites = writes(SECOND_ACCOUNT);
        System.out.printf("LeaderElectionIT: new work converged %.1f s after SIGKILL of the leader (lease duration 30 s;"
                + " the new holder acquired the Lease at %s); writes: first (leader, then killed) %d, second"
                + " (follower, then leader) %d%n", failover.toMillis() / 1000.0, lease.getSpec().getAcquireTime(),
                firstWrites.size(), secondWrites.size());
        assertThat(secondIdentity).isNotEqualTo(firstIdentity);
        assertThat(secondWrites).isNotEmpty();
        assertThat(metric(second, "pledge_leader")).as("the new leader's pledge_leader").containsExactly("pledge_leader 1.0");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(metric(second, "pledge_workflow_runs_total"))
                .as("the new leader counts the workflows it runs")
                .anyMatch(line -> line.contains("promise=\"le-two\"") && line.contains("outcome=\"succeeded\"")));

        Map<String, Long> jobsPerRun = jobsPerRun();
        System.out.println("LeaderElectionIT: Jobs per workflow run " + jobsPerRun);
        assertThat(jobsPerRun).containsOnlyKeys("le-one/setup/", "le-one/render/orders", "le-one/render/invoices",
                "le-two/setup/");
        assertThat(jobsPerRun.values()).as("Jobs started for one change").containsOnly(1L);

        Map<String, Long> commitsPerFile = BareRepositories.changes(repo, "main").stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        System.out.println("LeaderElectionIT: commits per file change " + commitsPerFile);
        assertThat(commitsPerFile.values()).as("commits that wrote the same change to a file").containsOnly(1L);
    }

    static OperatorProcess operator(String name, String serviceAccount) {
        Map<String, String> env = new LinkedHashMap<>(InstalledPledge.deploymentEnv(serviceAccount));
        env.put("PLEDGE_PIPELINE_ADAPTER_IMAGE", KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
        return OperatorProcess.start(name, InstalledPledge.kubeconfigFor(serviceAccount, WORK), env, WORK);
    }

    /** Waits until the process says it leads and the Lease names it; returns its identity. */
    static String awaitLeading(OperatorProcess process) {
        Pattern leads = Pattern.compile("(\\S+) leads: controllers start");
        String identity = await().atMost(TIMEOUT).until(() -> {
            Matcher m = leads.matcher(read(process.log()));
            return m.find() ? m.group(1) : null;
        }, java.util.Objects::nonNull);
        await().atMost(TIMEOUT).until(() -> identity.equals(holder()));
        return identity;
    }

    static void awaitPlaced(String kind, String request) {
        await().atMost(TIMEOUT).until(() -> Platform.requestStatus(kind, request, "le-apps")
                .getOrDefault("destinations", List.of()).equals(List.of("le-dest")));
    }

    static Lease lease() {
        return CLIENT.leases().inNamespace(InstalledPledge.NAMESPACE).withName(LEASE).get();
    }

    static String holder() {
        Lease lease = lease();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** The ServiceAccount's writes to the cluster, its self reviews (asking what it may do) left out. */
    static List<AuditLog.Request> writes(String serviceAccount) {
        return AuditLog.of(InstalledPledge.user(serviceAccount)).stream().filter(AuditLog.Request::write)
                .filter(r -> !SELF_REVIEWS.contains(r.resource())).toList();
    }

    /** Jobs of this test's Promises by "promise/pipeline/request". */
    static Map<String, Long> jobsPerRun() {
        List<Job> jobs = CLIENT.batch().v1().jobs().inAnyNamespace()
                .withLabel(KratixLabels.MANAGED_BY, KratixLabels.MANAGED_BY_KRATIX).list().getItems();
        return jobs.stream().map(j -> j.getMetadata().getLabels())
                .filter(l -> List.of("le-one", "le-two").contains(l.get(KratixLabels.PROMISE_NAME)))
                .collect(Collectors.groupingBy(l -> l.get(KratixLabels.PROMISE_NAME) + "/"
                        + l.get(KratixLabels.PIPELINE_NAME) + "/" + l.getOrDefault(KratixLabels.RESOURCE_NAME, ""),
                        TreeMap::new, Collectors.counting()));
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample lines of one metric on the process's /q/metrics. */
    static List<String> metric(OperatorProcess process, String name) {
        var response = process.get("/q/metrics");
        assertThat(response).as(process.name() + " serves /q/metrics").isNotNull();
        return response.body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).toList();
    }
}
