package dev.pledge.bench;

import dev.pledge.api.BucketStateStoreSpec;
import dev.pledge.api.GitStateStoreSpec;
import dev.pledge.statestore.CoalescingWriter;
import dev.pledge.statestore.DestinationDirectory;
import dev.pledge.statestore.PlacementId;
import dev.pledge.statestore.PlacementWrite;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreBatch;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriters;
import dev.pledge.statestore.StoreFile;
import dev.pledge.statestore.WriteResult;
import dev.pledge.statestore.git.GitWriterFactory;
import dev.pledge.statestore.s3.BucketWriterFactory;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.GitHttpServer;
import dev.pledge.testing.S3Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Not a test: measures writing N placements (default 1,000) to one Git store and one S3 store, batched as Pledge
 * does, against one commit/round per placement as upstream Kratix does. Run it with
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.pledge.bench.StateStoreBenchmark -Dexec.args="1000 all"
 * </pre>
 *
 * The second argument picks the stores: {@code git}, {@code s3} or {@code all} (the default).
 *
 * Servers are the tests' real ones on 127.0.0.1 (JGit smart HTTP with basic auth, s3proxy as a child process).
 */
public final class StateStoreBenchmark {
    private static final DestinationDirectory DESTINATION = DestinationDirectory.nested("worker-1", "worker-1");

    private StateStoreBenchmark() {
    }

    public static void main(String[] args) {
        BenchPlatform.runAndExit(args, StateStoreBenchmark::measure);
    }

    private static void measure(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String stores = args.length > 1 ? args[1] : "all";
        List<PlacementWrite> placements = placements(count);
        List<String> rows = new ArrayList<>();
        rows.add("| store | approach | wall time | commits / rounds | bytes pushed or uploaded |");
        rows.add("|---|---|---|---|---|");

        if (!stores.equals("s3")) {
            GitHttpServer git = GitHttpServer.get();
            SecretData gitSecret = SecretData.of("default/git", Map.of("username", GitHttpServer.USER,
                    "password", GitHttpServer.PASSWORD));
            warmUp(git, gitSecret, placements);
            for (Mode mode : Mode.values()) {
                rows.add(printed(gitRun(git, gitSecret, placements, mode)));
            }
        }
        if (!stores.equals("git")) {
            S3Server s3 = S3Server.get();
            s3Run(s3, placements, Mode.ONE_BATCH, "bench-warm-up"); // s3proxy is a JVM too: let its JIT settle
            for (Mode mode : Mode.values()) {
                rows.add(printed(s3Run(s3, placements, mode)));
            }
        }

        System.out.println();
        System.out.println(count + " placements, 2 files each (" + bytes(placements) + " bytes of content)");
        rows.forEach(System.out::println);
    }

    /** Each row as soon as it is measured, so a long run shows progress. */
    private static String printed(String row) {
        System.out.println(row);
        return row;
    }

    private enum Mode {
        ONE_BATCH("one batch (Pledge)"),
        CONCURRENT_SUBMITS("one submit per placement, coalesced (Pledge)"),
        ONE_PER_PLACEMENT("one commit/round per placement (upstream)");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private static List<PlacementWrite> placements(int count) {
        List<PlacementWrite> placements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "redis-%04d", i);
            String group = String.format(Locale.ROOT, "%032x", (long) i * 7919);
            placements.add(new PlacementWrite(DESTINATION, PlacementId.resource("default", name, "redis", name,
                    "instance-configure", group), List.of(
                            StoreFile.text("redis.yaml", "apiVersion: databases.spotahome.com/v1\nkind: RedisFailover\n"
                                    + "metadata:\n  name: " + name + "\n  namespace: default\nspec:\n  redis:\n"
                                    + "    replicas: 3\n  sentinel:\n    replicas: 3\n"),
                            StoreFile.text("service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name
                                    + "\nspec:\n  ports:\n  - port: 6379\n"))));
        }
        return placements;
    }

    private static String gitRun(GitHttpServer server, SecretData secret, List<PlacementWrite> placements, Mode mode)
            throws Exception {
        String url = server.newRepository("bench-" + mode.name().toLowerCase(Locale.ROOT));
        Path bare = server.repository(url);
        long before = server.bytesPushed();
        StateStoreDefinition definition = new StateStoreDefinition(GitWriterFactory.KIND, "bench", "1",
                gitSpec(url), secret);
        long elapsed = run(definition, placements, mode);
        int commits = BareRepositories.commits(bare, "main").size();
        int files = BareRepositories.files(bare, "main").size();
        if (files != placements.size() * 2) {
            throw new IllegalStateException("expected " + placements.size() * 2 + " files, found " + files);
        }
        return row("Git (HTTP)", mode, elapsed, commits, server.bytesPushed() - before);
    }

    private static String s3Run(S3Server server, List<PlacementWrite> placements, Mode mode) throws Exception {
        return s3Run(server, placements, mode, "bench-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static String s3Run(S3Server server, List<PlacementWrite> placements, Mode mode, String bucket)
            throws Exception {
        try (S3Client client = server.client()) {
            client.createBucket(r -> r.bucket(bucket));
            BucketStateStoreSpec spec = new BucketStateStoreSpec();
            spec.setEndpoint(server.endpoint());
            spec.setBucketName(bucket);
            spec.setInsecure(true);
            StateStoreDefinition definition = new StateStoreDefinition(BucketWriterFactory.KIND, "bench", "1", spec,
                    SecretData.of("default/s3", Map.of("accessKeyID", S3Server.ACCESS_KEY,
                            "secretAccessKey", S3Server.SECRET_KEY)));
            long[] rounds = new long[1];
            long elapsed = run(definition, placements, mode, rounds);
            int objects = client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                    .mapToInt(o -> 1).sum();
            if (objects != placements.size() * 2) {
                throw new IllegalStateException("expected " + placements.size() * 2 + " objects, found " + objects);
            }
            return row("S3 (s3proxy)", mode, elapsed, rounds[0], bytes(placements));
        }
    }

    private static long run(StateStoreDefinition definition, List<PlacementWrite> placements, Mode mode)
            throws Exception {
        return run(definition, placements, mode, new long[1]);
    }

    /** Wall time in milliseconds; {@code rounds[0]} receives the number of rounds that changed something. */
    private static long run(StateStoreDefinition definition, List<PlacementWrite> placements, Mode mode,
            long[] rounds) throws Exception {
        StateStoreWriters writers = new StateStoreWriters(List.of(new GitWriterFactory(), new BucketWriterFactory()));
        try {
            CoalescingWriter writer = writers.writerFor(definition);
            long start = System.nanoTime();
            switch (mode) {
                case ONE_BATCH -> rounds[0] = writer.write(placements).changed() ? 1 : 0;
                case CONCURRENT_SUBMITS -> {
                    List<CompletableFuture<WriteResult>> results = new ArrayList<>();
                    for (PlacementWrite placement : placements) {
                        results.add(writer.submit(StateStoreBatch.writing(List.of(placement))));
                    }
                    List<String> versions = new ArrayList<>();
                    for (CompletableFuture<WriteResult> result : results) {
                        versions.add(result.get().versionId() + "@" + System.identityHashCode(result.get()));
                    }
                    rounds[0] = versions.stream().distinct().count();
                }
                case ONE_PER_PLACEMENT -> {
                    for (PlacementWrite placement : placements) {
                        rounds[0] += writer.write(List.of(placement)).changed() ? 1 : 0;
                    }
                }
            }
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            writers.close();
        }
    }

    /** A few writes first, so that class loading and JIT do not count against the first run. */
    private static void warmUp(GitHttpServer server, SecretData secret, List<PlacementWrite> placements)
            throws Exception {
        StateStoreDefinition definition = new StateStoreDefinition(GitWriterFactory.KIND, "warm-up", "1",
                gitSpec(server.newRepository("bench-warm-up")), secret);
        try (StateStoreWriter writer = new GitWriterFactory().open(definition)) {
            for (PlacementWrite placement : placements.subList(0, Math.min(20, placements.size()))) {
                writer.write(List.of(placement));
            }
        }
    }

    private static GitStateStoreSpec gitSpec(String url) {
        GitStateStoreSpec spec = new GitStateStoreSpec();
        spec.setUrl(url);
        spec.setInsecure(true);
        return spec;
    }

    private static long bytes(List<PlacementWrite> placements) {
        return placements.stream().flatMap(p -> p.files().stream()).mapToLong(f -> f.content().length).sum();
    }

    private static String row(String store, Mode mode, long millis, long commits, long bytes) {
        return String.format(Locale.ROOT, "| %s | %s | %.2f s | %d | %,d |", store, mode.label, millis / 1000.0,
                commits, bytes);
    }
}
