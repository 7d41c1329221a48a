package dev.pledge.statestore;

import dev.pledge.config.PledgeConfig;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The one place controllers get writers from. Picks the {@link StateStoreWriterFactory} bean for the store's kind,
 * keeps one open writer per store (reopened when the definition's revision changes), and wraps it in a
 * {@link CoalescingWriter} so concurrent callers share rounds, gathered as {@code pledge.state-store-rounds.*}
 * says.
 */
@ApplicationScoped
@Unremovable
public class StateStoreWriters {

    private record Open(String revision, CoalescingWriter writer) {
    }

    private final Map<String, StateStoreWriterFactory> factories;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final ExecutorService rounds;
    private final RoundGathering gathering;
    private final RoundObserver observer;

    @Inject
    public StateStoreWriters(@Any Instance<StateStoreWriterFactory> beans, PledgeConfig config,
            Instance<RoundObserver> observers) {
        this(beans.stream().toList(), new RoundGathering(config.stateStoreRounds().quiet(),
                config.stateStoreRounds().maxWait()), observers.isResolvable() ? observers.get() : RoundObserver.NONE);
    }

    /** Rounds that start as soon as the store is free (no gathering). */
    public StateStoreWriters(List<StateStoreWriterFactory> factories) {
        this(factories, RoundGathering.NONE);
    }

    public StateStoreWriters(List<StateStoreWriterFactory> factories, RoundGathering gathering) {
        this(factories, gathering, RoundObserver.NONE);
    }

    public StateStoreWriters(List<StateStoreWriterFactory> factories, RoundGathering gathering,
            RoundObserver observer) {
        this.gathering = gathering;
        this.observer = observer;
        this.factories = factories.stream().collect(Collectors.toMap(StateStoreWriterFactory::kind, f -> f,
                (a, b) -> {
                    throw new IllegalStateException("two writer factories for kind " + a.kind());
                }, TreeMap::new));
        AtomicInteger threads = new AtomicInteger();
        this.rounds = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "statestore-round-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The kinds a writer can be opened for. */
    public java.util.Set<String> kinds() {
        return factories.keySet();
    }

    /** The writer for the store, opening (or reopening after a revision change) it when needed. */
    public CoalescingWriter writerFor(StateStoreDefinition definition) throws StateStoreException {
        String key = definition.kind() + "/" + definition.name();
        Open current = open.get(key);
        if (current != null && current.revision().equals(definition.revision())) {
            return current.writer();
        }
        synchronized (this) {
            current = open.get(key);
            if (current != null && current.revision().equals(definition.revision())) {
                return current.writer();
            }
            StateStoreWriterFactory factory = factories.get(definition.kind());
            if (factory == null) {
                throw new StateStoreException(StateStoreException.Reason.INVALID_CONFIGURATION, "no writer for "
                        + "state store kind '" + definition.kind() + "'; known kinds: " + factories.keySet());
            }
            CoalescingWriter writer = new CoalescingWriter(factory.open(definition), rounds, gathering,
                    new CoalescingWriter.Observed(definition.kind(), definition.name(), observer));
            open.put(key, new Open(definition.revision(), writer));
            if (current != null) {
                current.writer().close();
            }
            return writer;
        }
    }

    /** Closes and drops the store's writer (the store was deleted or failed validation). */
    public void forget(String kind, String name) {
        Open removed = open.remove(kind + "/" + name);
        if (removed != null) {
            removed.writer().close();
        }
    }

    @PreDestroy
    public void close() {
        open.values().forEach(o -> o.writer().close());
        open.clear();
        rounds.shutdownNow();
    }
}
