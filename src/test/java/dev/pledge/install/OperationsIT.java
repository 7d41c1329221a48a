package dev.pledge.install;

import static dev.pledge.install.Platform.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.InstalledPledge;
import dev.pledge.testing.KubeletStandIn;
import dev.pledge.testing.Kustomize;
import dev.pledge.testing.OperatorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What an operator of Pledge sees of it in production: the packaged operator, installed from {@code kubernetes/} and
 * run as its ServiceAccount, starts without a warning; once workflows ran and placements were written,
 * {@code /q/metrics} measures them with bounded labels, and every query of the shipped dashboard and alerts names a
 * metric it serves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {
    static final Path WORK = Path.of("target", "operations-it");
    static OperatorProcess operator;

    @BeforeAll
    static void install() {
        operator = InstalledPledge.startOperator("operations", WORK, Map.of(
                // a failing pipeline fails at once instead of retrying with back-off
                "PLEDGE_WORKFLOWS_DEFAULT_BACKOFF_LIMIT", "0"));
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    @Order(1)
    void aNormalStartLogsNoWarningAndNoError() throws Exception {
        // leadership taken and the controllers started: the whole of a normal start
        await().atMost(TIMEOUT).until(() -> Files.readString(operator.log()).contains("leads: controllers start"));
        List<String> lines = Files.readAllLines(operator.log());
        assertThat(lines).as("the log of a normal start (" + operator.log() + ")")
                .noneMatch(line -> line.matches(".*\\b(WARN|WARNING|ERROR|SEVERE)\\b.*"));
    }

    @Test
    @Order(2)
    void finishedWorkflowsAreMeasuredByPromiseTypeActionAndOutcomeWithBoundedSeries() throws Exception {
        Path repo = Platform.gitStore("ops-store");
        Platform.destination("ops-dest", "ops-store", Map.of("suite", "ops"));
        Platform.namespace("ops-apps");
        KubeletStandIn.register("example.org/ops-setup:v1", step ->
                Files.writeString(step.output().resolve("setup.yaml"), "kind: Setup\n"));
        KubeletStandIn.register("example.org/ops-render:v1", step -> {
            String name = step.env().get("KRATIX_OBJECT_NAME");
            if (name.startsWith("broken")) {
                throw new IllegalStateException("the render step fails for " + name);
            }
            Files.writeString(step.output().resolve("app.yaml"), "app: " + name + "\n");
        });
        Platform.CLIENT.resource(Platform.promise("ops-db", "OpsDb", "ops", "example.org/ops-setup:v1",
                "example.org/ops-render:v1")).create();
        Platform.awaitAvailable("ops-db");
        Platform.request("OpsDb", "orders", "ops-apps");
        Platform.request("OpsDb", "broken", "ops-apps");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(BareRepositories.files(repo, "main").keySet())
                .anyMatch(f -> f.contains("/orders/render/") && f.endsWith("/app.yaml")));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<Sample> samples = Sample.parse(scrape());
            assertThat(samples).as("pipeline runs").filteredOn(s -> s.name().equals("pledge_workflow_runs_total"))
                    .extracting(Sample::labels)
                    .contains(Map.of("promise", "ops-db", "type", "promise", "action", "configure", "outcome", "succeeded"),
                            Map.of("promise", "ops-db", "type", "resource", "action", "configure", "outcome", "succeeded"),
                            Map.of("promise", "ops-db", "type", "resource", "action", "configure", "outcome", "failed"));
            assertThat(samples).filteredOn(s -> s.name().equals("pledge_workflow_run_seconds_total")
                    && "ops-db".equals(s.labels().get("promise"))).isNotEmpty();
            assertThat(samples).filteredOn(s -> s.name().equals("pledge_workflow_duration_seconds_bucket")
                    && "resource".equals(s.labels().get("type")) && "succeeded".equals(s.labels().get("outcome")))
                    .as("a handful of explicit buckets").hasSizeBetween(5, 12);
            assertThat(samples).filteredOn(s -> s.name().equals("pledge_leader")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
        });
        String metrics = scrape();
        assertThat(metrics).contains("# HELP pledge_workflow_runs ", "# HELP pledge_workflow_duration_seconds ",
                "# HELP pledge_workflow_run_seconds ", "# HELP pledge_leader ");
        assertThat(seriesPerMeterAndLabel(Sample.parse(metrics), "promise")).as("series of one meter for one Promise")
                .allSatisfy((meter, count) -> assertThat(count).as(meter).isLessThanOrEqualTo(20));
        assertThat(seriesPerMeterAndLabel(Sample.parse(metrics), "store")).as("series of one meter for one store")
                .isNotEmpty().allSatisfy((meter, count) -> assertThat(count).as(meter).isLessThanOrEqualTo(20));
    }

    /** After the workflows and a state-store write, so the meters that appear on first use exist. */
    @Test
    @Order(3)
    void theDashboardAndTheAlertsQueryOnlyMetricsTheOperatorServes() throws Exception {
        String metrics = scrape();
        Set<String> served = Sample.parse(metrics).stream().map(Sample::name).collect(Collectors.toSet());
        System.out.println("OperationsIT: metric names served: " + served.stream()
                .filter(n -> !n.matches("(jvm|process|system|http|netty|worker|vertx)_.*")).sorted().toList());
        List<JsonNode> objects = Kustomize.render(ShippedManifestsTest.withMonitoring(WORK.resolve("kustomize")));
        Map<String, String> queries = new LinkedHashMap<>();
        JsonNode rule = objects.stream().filter(o -> "PrometheusRule".equals(o.path("kind").asText())).findFirst()
                .orElseThrow();
        rule.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r ->
                queries.put("alert " + r.path("alert").asText(), r.path("expr").asText())));
        JsonNode dashboard = objects.stream().filter(o -> "ConfigMap".equals(o.path("kind").asText())
                && o.path("metadata").path("labels").has("grafana_dashboard")).findFirst().orElseThrow();
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dashboard.path("data").path("pledge-dashboard.json").asText());
        PromQl.dashboardQueries(json).forEach(q -> queries.put("dashboard " + q, q));

        List<String> missing = new ArrayList<>();
        queries.forEach((where, expression) -> PromQl.metricNames(expression).stream()
                .filter(name -> !served.contains(name) && !PROMETHEUS_OWN.contains(name) && !ON_FIRST_FAILURE.contains(name))
                .forEach(name -> missing.add(where + ": " + name)));
        assertThat(queries).hasSizeGreaterThan(10);
        assertThat(missing).as("metrics named by the dashboard or the alerts but not served").isEmpty();
    }

    /** Last: stops the operator as Kubernetes does (SIGTERM). */
    @Test
    @Order(4)
    void aNormalStopEndsLeadershipWithoutAWarning() throws Exception {
        operator.close();

        assertThat(operator.alive()).isFalse();
        List<String> lines = Files.readAllLines(operator.log());
        List<String> stop = lines.subList(lines.stream().filter(l -> l.contains("is shutting down")).findFirst()
                .map(lines::indexOf).orElseThrow(), lines.size());
        assertThat(stop).anyMatch(line -> line.contains("stops leading: the process is stopping"));
        assertThat(stop).as("the log of the stop (" + operator.log() + ")")
                .noneMatch(line -> line.matches(".*\\b(WARN|WARNING|ERROR|SEVERE)\\b.*"));
    }

    /** Series Prometheus makes itself, not the operator. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /** The Operator SDK registers this counter on a controller's first failed reconcile, which a healthy run lacks. */
    static final Set<String> ON_FIRST_FAILURE = Set.of("reconciliations_failure_total");

    static String scrape() {
        var response = operator.get("/q/metrics");
        assertThat(response).as("/q/metrics answers").isNotNull();
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** For each meter, the most series it has for any one value of the label. */
    static Map<String, Long> seriesPerMeterAndLabel(List<Sample> samples, String label) {
        Map<String, Long> most = new TreeMap<>();
        samples.stream().filter(s -> s.name().startsWith("pledge_") && s.labels().containsKey(label))
                .collect(Collectors.groupingBy(s -> s.family() + " " + label + "=" + s.labels().get(label),
                        Collectors.counting()))
                .forEach((key, count) -> most.merge(key.substring(0, key.indexOf(' ')), count, Math::max));
        return most;
    }

    /** One line of the Prometheus text format. */
    record Sample(String name, Map<String, String> labels, double value) {
        private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static List<Sample> parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    Map<String, String> labels = new TreeMap<>();
                    Matcher l = LABEL.matcher(m.group(2) == null ? "" : m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                    labels.remove("le");
                    labels.remove("quantile");
                    samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
                }
            }
            return samples;
        }

        /** The meter a sample belongs to: a histogram's buckets, sum, count and max are one meter. */
        String family() {
            return name.replaceAll("_(bucket|sum|count|max)$", "");
        }
    }
}
