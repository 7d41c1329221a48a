package dev.pledge.bench;

import dev.pledge.scheduling.Decision;
import dev.pledge.scheduling.DestinationIndex;
import dev.pledge.scheduling.DestinationPicker;
import dev.pledge.scheduling.DestinationView;
import dev.pledge.scheduling.EffectiveSelector;
import dev.pledge.scheduling.Scheduler;
import dev.pledge.scheduling.SelectorSource;
import dev.pledge.scheduling.SourcedSelector;
import dev.pledge.scheduling.WorkKind;
import dev.pledge.scheduling.WorkloadGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A whole batch of 10,000 workload groups decided against 1,000 Destinations with realistic labels, including
 * building the label index (a new index per batch, as after a Destination change). {@code distinctSelectors}
 * shows how the cost grows with the number of different selectors among the groups.
 *
 * <p>Run with {@code ./mvnw -B -Pbench clean test-compile exec:exec@bench} (see docs/scheduling.md). Not a test: it never
 * runs in {@code ./mvnw verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SchedulingBenchmark {
    private static final int DESTINATIONS = 1_000;
    private static final int GROUPS = 10_000;
    private static final List<String> ENVIRONMENTS = List.of("dev", "dev", "staging", "prod", "prod", "prod");
    private static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1", "us-west-2",
            "ap-south-1", "ap-northeast-1");
    private static final List<String> TIERS = List.of("gold", "silver", "bronze");
    private static final List<String> CLOUDS = List.of("aws", "gcp", "azure");
    private static final int TEAMS = 40;

    @Param({"10", "100", "1000", "10000"})
    public int distinctSelectors;

    private List<DestinationView> destinations;
    private List<Scheduler.Request> requests;

    @Setup(Level.Trial)
    public void generate() {
        SplittableRandom random = new SplittableRandom(2026_11_22L);
        destinations = new ArrayList<>(DESTINATIONS);
        for (int i = 0; i < DESTINATIONS; i++) {
            Map<String, String> labels = new HashMap<>();
            labels.put("env", pick(random, ENVIRONMENTS));
            labels.put("region", pick(random, REGIONS));
            labels.put("team", team(random));
            labels.put("tier", pick(random, TIERS));
            labels.put("cloud", pick(random, CLOUDS));
            labels.put("kubernetes.io/os", "linux");
            if (random.nextInt(10) == 0) {
                labels.put("pci", "true");
            }
            destinations.add(new DestinationView(String.format("cluster-%04d", i), labels, random.nextInt(20) == 0));
        }

        List<Map<String, String>> pool = new ArrayList<>(selectorPool(random, distinctSelectors));
        requests = new ArrayList<>(GROUPS);
        for (int i = 0; i < GROUPS; i++) {
            Map<String, String> selector = pool.get(i < pool.size() ? i : random.nextInt(pool.size()));
            int kind = random.nextInt(10);
            WorkKind work = kind < 2 ? WorkKind.DEPENDENCIES : kind < 4 ? WorkKind.PROMISE_WORKFLOW : WorkKind.RESOURCE_WORKFLOW;
            List<String> placedOn = random.nextInt(10) < 3
                    ? List.of(String.format("cluster-%04d", random.nextInt(DESTINATIONS)))
                    : List.of();
            requests.add(new Scheduler.Request(work, WorkloadGroup.of(WorkloadGroup.ROOT, List.of("a.yaml"),
                    split(selector)), placedOn));
        }
    }

    /** The whole batch: index the Destinations, then decide every group. */
    @Benchmark
    public void decideBatch(Blackhole blackhole) {
        Scheduler scheduler = new Scheduler(DestinationIndex.of(destinations), DestinationPicker.seeded(1));
        List<Decision> decisions = scheduler.decideAll(requests);
        blackhole.consume(decisions);
    }

    /** For comparison only: every group scanning every Destination, no index. */
    @Benchmark
    public void scanWithoutIndex(Blackhole blackhole) {
        for (Scheduler.Request request : requests) {
            EffectiveSelector selector = request.group().effectiveSelector();
            List<String> matched = new ArrayList<>();
            for (DestinationView destination : destinations) {
                if (selector.matches(destination)) {
                    matched.add(destination.name());
                }
            }
            blackhole.consume(matched);
        }
    }

    /** Selectors people write: an environment, maybe a region, team, tier or cloud; a few select nothing at all. */
    private static Set<Map<String, String>> selectorPool(SplittableRandom random, int size) {
        Set<Map<String, String>> pool = new LinkedHashSet<>();
        pool.add(Map.of());
        while (pool.size() < size) {
            Map<String, String> selector = new TreeMap<>();
            selector.put("env", pick(random, ENVIRONMENTS));
            if (random.nextBoolean()) {
                selector.put("region", pick(random, REGIONS));
            }
            if (random.nextInt(3) == 0) {
                selector.put("team", team(random));
            }
            if (random.nextInt(4) == 0) {
                selector.put("tier", pick(random, TIERS));
            }
            if (random.nextInt(4) == 0) {
                selector.put("cloud", pick(random, CLOUDS));
            }
            if (random.nextInt(20) == 0) {
                selector.put("pci", "true");
            }
            pool.add(selector);
        }
        return pool;
    }

    /** Spreads a selector's pairs over the three sources, so resolution does real merging. */
    private static List<SourcedSelector> split(Map<String, String> selector) {
        Map<String, String> promise = new TreeMap<>();
        Map<String, String> promiseWorkflow = new TreeMap<>();
        Map<String, String> resourceWorkflow = new TreeMap<>();
        int i = 0;
        for (Map.Entry<String, String> pair : selector.entrySet()) {
            (i % 3 == 0 ? promise : i % 3 == 1 ? promiseWorkflow : resourceWorkflow).put(pair.getKey(), pair.getValue());
            i++;
        }
        return List.of(new SourcedSelector(promise, SelectorSource.PROMISE),
                new SourcedSelector(promiseWorkflow, SelectorSource.PROMISE_WORKFLOW),
                new SourcedSelector(resourceWorkflow, SelectorSource.RESOURCE_WORKFLOW));
    }

    private static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String team(SplittableRandom random) {
        return String.format("team-%02d", random.nextInt(TEAMS));
    }
}
