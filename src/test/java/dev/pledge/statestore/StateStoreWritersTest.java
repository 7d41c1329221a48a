package dev.pledge.statestore;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pledge.statestore.git.GitWriterFactory;
import dev.pledge.statestore.local.LocalDirectoryWriterFactory;
import dev.pledge.statestore.local.LocalDirectorySpec;
import dev.pledge.statestore.s3.BucketWriterFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: kinds are found by name, writers are cached per store, and concurrent callers share rounds. */
class StateStoreWritersTest {
    @TempDir
    Path directory;

    private final AtomicInteger rounds = new AtomicInteger();
    /** Holds every round at its start while closed; open unless a test closes it. */
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    private final StateStoreWriters writers = new StateStoreWriters(List.of(new GitWriterFactory(),
            new BucketWriterFactory(), new CountingLocalFactory()));

    @AfterEach
    void close() {
        writers.close();
    }

    private StateStoreDefinition local(String name, String revision) {
        return new StateStoreDefinition(LocalDirectoryWriterFactory.KIND, name, revision,
                new LocalDirectorySpec(directory.resolve(name), ""), null);
    }

    @Test
    void aWriterIsFoundByKindAndANewKindNeedsOnlyItsFactory() throws Exception {
        assertThat(writers.kinds()).containsExactly("BucketStateStore", "GitStateStore", "LocalDirectory");

        writers.writerFor(local("disk", "1")).apply(batch(resource(DestinationDirectory.flat("d", "d"), "wp", "r",
                file("a.yaml", "a"))));

        assertThat(directory.resolve("disk/d/a.yaml")).hasContent("a");
    }

    @Test
    void anUnknownKindNamesTheKindsThereAre() {
        assertThatThrownBy(() -> writers.writerFor(new StateStoreDefinition("FtpStateStore", "x", "1", "spec", null)))
                .hasMessage("no writer for state store kind 'FtpStateStore'; known kinds: [BucketStateStore,"
                        + " GitStateStore, LocalDirectory]");
    }

    @Test
    void theWriterIsKeptUntilTheStoresRevisionChanges() throws Exception {
        CoalescingWriter first = writers.writerFor(local("disk", "1"));

        assertThat(writers.writerFor(local("disk", "1"))).isSameAs(first);
        assertThat(writers.writerFor(local("disk", "2"))).isNotSameAs(first);
    }

    @Test
    void placementsArrivingWhileARoundRunsGoOutTogetherInTheNextRound() throws Exception {
        gate = new java.util.concurrent.CountDownLatch(1);
        CoalescingWriter writer = writers.writerFor(local("disk", "1"));
        DestinationDirectory destination = DestinationDirectory.nested("d", "d");
        List<CompletableFuture<WriteResult>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(writer.submit(batch(resource(destination, "wp-" + i, "r" + i, file("f.yaml", "v" + i)))));
        }
        gate.countDown();
        for (CompletableFuture<WriteResult> result : results) {
            result.get();
        }

        assertThat(rounds.get()).as("the first round, then everything that queued behind it").isBetween(1, 2);
        try (var files = Files.walk(directory.resolve("disk"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(200);
        }
    }

    @Test
    void aBadPathFailsOnlyTheCallerWhoSentIt() throws Exception {
        CoalescingWriter writer = writers.writerFor(local("disk", "1"));
        DestinationDirectory destination = DestinationDirectory.flat("d", "d");

        CompletableFuture<WriteResult> bad = writer.submit(batch(resource(destination, "evil", "e",
                file("../../x", "x"))));
        CompletableFuture<WriteResult> good = writer.submit(batch(resource(destination, "fine", "f",
                file("ok.yaml", "ok"))));

        assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UnsafePathException.class);
        assertThat(good.get().changed()).isTrue();
        assertThat(directory.resolve("disk/d/ok.yaml")).hasContent("ok");
    }

    /** The LocalDirectory kind, counting the rounds that reach it. */
    private final class CountingLocalFactory extends LocalDirectoryWriterFactory {
        @Override
        public StateStoreWriter open(StateStoreDefinition definition) throws StateStoreException {
            StateStoreWriter real = super.open(definition);
            return new StateStoreWriter() {
                @Override
                public WriteResult apply(StateStoreBatch batch) throws StateStoreException {
                    rounds.incrementAndGet();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return real.apply(batch);
                }

                @Override
                public Optional<byte[]> readFile(String path) throws StateStoreException {
                    return real.readFile(path);
                }

                @Override
                public void checkPermissions() throws StateStoreException {
                    real.checkPermissions();
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }
    }
}
