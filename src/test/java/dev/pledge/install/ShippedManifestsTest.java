package dev.pledge.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.testing.Kustomize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code kubectl apply -k kubernetes/} installs, read from kubectl's own rendering of the tree. */
class ShippedManifestsTest {
    static final String IMAGE = "ghcr.io/pledge-dev/pledge";
    static final String ADAPTER_IMAGE_ENV = "PLEDGE_PIPELINE_ADAPTER_IMAGE";

    @Test
    void noShippedRoleHasAWildcardInApiGroupsResourcesOrVerbs(@TempDir Path dir) {
        List<JsonNode> objects = Kustomize.render(withMonitoring(dir));
        List<JsonNode> roles = objects.stream().filter(o -> List.of("ClusterRole", "Role").contains(o.path("kind").asText()))
                .toList();
        assertThat(roles).extracting(r -> r.path("metadata").path("name").asText())
                .contains("pledge", "pledge-leader-election");
        for (JsonNode role : roles) {
            for (JsonNode rule : role.path("rules")) {
                for (String field : List.of("apiGroups", "resources", "verbs")) {
                    assertThat(strings(rule.path(field))).as(role.path("metadata").path("name").asText() + " " + field)
                            .isNotEmpty().noneMatch(v -> v.contains("*"));
                }
            }
        }
    }

    @Test
    void escalateAndBindAreHeldOnRolesAndClusterRolesOnly() {
        JsonNode role = only(Kustomize.render(Kustomize.INSTALL), "ClusterRole", "pledge");
        for (JsonNode rule : role.path("rules")) {
            List<String> verbs = strings(rule.path("verbs"));
            if (verbs.contains("escalate") || verbs.contains("bind")) {
                assertThat(strings(rule.path("apiGroups"))).containsExactly("rbac.authorization.k8s.io");
                assertThat(strings(rule.path("resources"))).containsExactlyInAnyOrder("roles", "clusterroles");
            }
        }
    }

    @Test
    void secretsAreReadOnly() {
        JsonNode role = only(Kustomize.render(Kustomize.INSTALL), "ClusterRole", "pledge");
        List<String> verbs = new ArrayList<>();
        for (JsonNode rule : role.path("rules")) {
            if (strings(rule.path("resources")).contains("secrets")) {
                verbs.addAll(strings(rule.path("verbs")));
            }
        }
        assertThat(verbs).containsExactlyInAnyOrder("get", "list", "watch");
    }

    @Test
    void oneImagesEntryChangesTheOperatorImageAndTheAdapterImage(@TempDir Path dir) {
        Path overlay = Kustomize.overlay(dir.resolve("overlay"), """
                images:
                  - name: ghcr.io/pledge-dev/pledge
                    newName: registry.internal:5000/platform/pledge
                    newTag: "1.2.3"
                """);
        JsonNode container = operatorContainer(Kustomize.render(overlay));
        assertThat(container.path("image").asText()).isEqualTo("registry.internal:5000/platform/pledge:1.2.3");
        assertThat(env(container)).containsEntry(ADAPTER_IMAGE_ENV, "registry.internal:5000/platform/pledge:1.2.3")
                .as("other values are left alone").containsEntry("PLEDGE_PIPELINE_ADAPTER_COMMAND", "/usr/local/bin/pledge");

        JsonNode shipped = operatorContainer(Kustomize.render(Kustomize.INSTALL));
        assertThat(shipped.path("image").asText()).isEqualTo(IMAGE + ":latest");
        assertThat(env(shipped)).containsEntry(ADAPTER_IMAGE_ENV, IMAGE + ":latest");
    }

    @Test
    void theOperatorPodMeetsTheRestrictedPodSecurityStandard() {
        JsonNode deployment = only(Kustomize.render(Kustomize.INSTALL), "Deployment", "pledge");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        JsonNode container = pod.path("containers").get(0);
        JsonNode security = container.path("securityContext");
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(strings(security.path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("384Mi");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(env(container)).containsKeys("PLEDGE_SELF_NAMESPACE", "PLEDGE_SELF_SERVICE_ACCOUNT");
    }

    @Test
    void theMonitoringComponentsAddAServiceMonitorAndAlerts(@TempDir Path dir) {
        List<JsonNode> objects = Kustomize.render(withMonitoring(dir));
        JsonNode rule = only(objects, "PrometheusRule", "pledge");
        List<String> alerts = new ArrayList<>();
        rule.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
        assertThat(alerts).contains("PledgeStateStoreWritesFailing", "PledgeWorkflowsFailing", "PledgeReconcileErrors");
        JsonNode monitor = only(objects, "ServiceMonitor", "pledge");
        assertThat(monitor.path("metadata").path("namespace").asText()).isEqualTo("kratix-platform-system");
        assertThat(Kustomize.render(Kustomize.INSTALL)).as("the default install works without the Prometheus Operator")
                .noneMatch(o -> o.path("apiVersion").asText().startsWith("monitoring.coreos.com"));
    }

    @Test
    void theDashboardComponentIsAConfigMapGrafanasSidecarLoads(@TempDir Path dir) throws Exception {
        JsonNode configMap = only(Kustomize.render(withMonitoring(dir)), "ConfigMap", "pledge-grafana-dashboard");
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(configMap.path("metadata").path("namespace").asText()).isEqualTo("kratix-platform-system");
        JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(configMap.path("data").path("pledge-dashboard.json").asText());
        assertThat(dashboard.path("uid").asText()).isEqualTo("pledge-operator");
        assertThat(PromQl.dashboardQueries(dashboard)).as("queries in the dashboard").hasSizeGreaterThanOrEqualTo(10);
        assertThat(dashboard.path("panels")).extracting(p -> p.path("title").asText())
                .contains("Leader", "Reconcile errors", "Write rounds by result", "Pipeline runs by outcome",
                        "Requests waiting on the rollout limit");
    }

    static Path withMonitoring(Path dir) {
        return Kustomize.overlay(dir.resolve("monitoring"), """
                components:
                  - BASE/components/servicemonitor
                  - BASE/components/prometheusrule
                  - BASE/components/grafana-dashboard
                """);
    }

    static JsonNode operatorContainer(List<JsonNode> objects) {
        return only(objects, "Deployment", "pledge").path("spec").path("template").path("spec").path("containers").get(0);
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new TreeMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : "<from " + e.path("valueFrom").fieldNames().next() + ">"));
        return env;
    }

    static JsonNode only(List<JsonNode> objects, String kind, String name) {
        List<JsonNode> found = objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
