package dev.pledge.install;

import static dev.pledge.install.Platform.CLIENT;
import static dev.pledge.install.Platform.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.testing.AuditLog;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.InstalledPledge;
import dev.pledge.testing.KubeletStandIn;
import dev.pledge.testing.Kustomize;
import dev.pledge.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * Pledge installed from {@code kubernetes/} and run as its ServiceAccount: the packaged operator, authenticated with a
 * TokenRequest token, takes a Promise with an API, dependencies and workflows through its whole life on the real
 * control plane, and the API server never refuses it anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT {
    static final String USER = InstalledPledge.user(InstalledPledge.SERVICE_ACCOUNT);
    static final Path WORK = Path.of("target", "install-it");
    static OperatorProcess operator;

    @BeforeAll
    static void install() {
        operator = InstalledPledge.startOperator("install", WORK, Map.of());
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    @Order(1)
    void theInstalledServiceAccountRunsAPromiseThroughItsWholeLifeWithoutAForbiddenRequest() throws Exception {
        Path repo = Platform.gitStore("install-store");
        Platform.destination("install-dest", "install-store", Map.of("suite", "install"));
        Platform.namespace("install-apps");
        KubeletStandIn.register("example.org/install-setup:v1", step ->
                Files.writeString(step.output().resolve("setup.yaml"), "kind: Setup\n"));
        KubeletStandIn.register("example.org/install-render:v1", step ->
                Files.writeString(step.output().resolve("app.yaml"), "app: " + step.env().get("KRATIX_OBJECT_NAME") + "\n"));

        CLIENT.resource(Platform.promise("install-db", "InstallDb", "install", "example.org/install-setup:v1",
                "example.org/install-render:v1")).create();
        Platform.awaitAvailable("install-db");

        ClusterRole grant = CLIENT.rbac().clusterRoles().withName("pledge-api-install-db").get();
        assertThat(grant.getRules()).allSatisfy(r -> assertThat(r.getApiGroups()).containsExactly(Platform.API_GROUP));
        assertThat(grant.getRules()).flatExtracting(r -> r.getResources())
                .containsExactlyInAnyOrder("installdbs", "installdbs/status", "installdbs/finalizers");
        ClusterRoleBinding binding = CLIENT.rbac().clusterRoleBindings().withName("pledge-api-install-db").get();
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(InstalledPledge.SERVICE_ACCOUNT);
            assertThat(s.getNamespace()).isEqualTo(InstalledPledge.NAMESPACE);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(BareRepositories.files(repo, "main").keySet())
                .anyMatch(f -> f.startsWith("install-dest/dependencies/install-db/") && f.endsWith("install-db-dependencies.yaml"))
                .anyMatch(f -> f.startsWith("install-dest/dependencies/install-db/setup/") && f.endsWith("setup.yaml")));

        Platform.request("InstallDb", "orders", "install-apps");
        await().atMost(TIMEOUT).until(() -> Platform.requestStatus("InstallDb", "orders", "install-apps")
                .getOrDefault("destinations", List.of()).equals(List.of("install-dest")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(BareRepositories.files(repo, "main").keySet())
                .anyMatch(f -> f.startsWith("install-dest/resources/install-apps/install-db/orders/render/")
                        && f.endsWith("app.yaml")));

        CLIENT.resource(Platform.fetch("install-db")).delete();
        await().atMost(TIMEOUT).until(() -> Platform.fetch("install-db") == null);
        assertThat(CLIENT.apiextensions().v1().customResourceDefinitions().withName("installdbs." + Platform.API_GROUP).get())
                .isNull();
        assertThat(CLIENT.rbac().clusterRoles().withName("pledge-api-install-db").get()).isNull();
        assertThat(CLIENT.rbac().clusterRoleBindings().withName("pledge-api-install-db").get()).isNull();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(BareRepositories.files(repo, "main").keySet())
                .noneMatch(f -> f.contains("/install-db/")));

        assertThat(operator.alive()).as("the operator still runs (it exits when it loses its Lease)").isTrue();
        List<AuditLog.Request> requests = AuditLog.of(USER);
        long writes = requests.stream().filter(AuditLog.Request::write).count();
        System.out.printf("InstallIT: the operator made %d requests as %s (%d writes), operator RSS %d KiB%n",
                requests.size(), USER, writes, operator.rssKib());
        assertThat(requests).as("the audit log sees the operator's requests").hasSizeGreaterThan(50);
        assertThat(requests).as("requests the API server refused").noneMatch(r -> r.code() == 403);
    }

    /** After the first test, so that the state-store counters exist. */
    @Test
    @Order(2)
    void theAlertsNameMetricsAndLabelsTheOperatorServes() {
        assertThat(operator.alive()).as("the operator is still running").isTrue();
        await().atMost(TIMEOUT).until(() -> {
            var response = operator.get("/q/metrics");
            return response != null && response.statusCode() == 200;
        });
        String metrics = operator.get("/q/metrics").body();
        System.out.println("InstallIT: metric names served: " + metrics.lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.replaceAll("[{ ].*", "")).filter(n -> !n.matches("(jvm|process|system|http|netty|worker|vertx)_.*"))
                .distinct().sorted().toList());
        JsonNode rule = Kustomize.render(ShippedManifestsTest.withMonitoring(WORK.resolve("kustomize"))).stream()
                .filter(o -> "PrometheusRule".equals(o.path("kind").asText())).findFirst().orElseThrow();
        List<String> missing = new ArrayList<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode alert : group.path("rules")) {
                Matcher names = Pattern.compile("\\b((?:pledge|reconciliations)_[a-z_]+)").matcher(alert.path("expr").asText());
                while (names.find()) {
                    String name = names.group(1);
                    if (metrics.lines().noneMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "))) {
                        missing.add(alert.path("alert").asText() + ": " + name);
                    }
                }
            }
        }
        // counters appear on first increment: these only once a warning or a failed reconcile happened
        missing.removeIf(m -> m.endsWith("pledge_warnings_total") || m.endsWith("reconciliations_failure_total"));
        assertThat(missing).as("metrics named by alerts but not served").isEmpty();
        assertThat(metrics).contains("reconciliations_started_total{controller_name=\"promise\"");
        assertThat(metrics.lines().filter(l -> l.startsWith("pledge_statestore_writes_total{")))
                .anyMatch(l -> l.contains("kind=\"GitStateStore\"") && l.contains("store=\"install-store\"")
                        && l.contains("result=\"success\""));
    }
}
