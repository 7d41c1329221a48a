package dev.pledge.scheduling;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/** Chooses the one Destination a resource request's group goes to, among its (non-empty, sorted) candidates. */
@FunctionalInterface
public interface DestinationPicker {

    String pick(List<String> candidates);

    /** Uniformly at random, as upstream does: requests spread over equally suitable Destinations. */
    static DestinationPicker random() {
        return candidates -> candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    /** Uniformly at random but repeatable; for tests and benchmarks. Not safe for concurrent use. */
    static DestinationPicker seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return candidates -> candidates.get(random.nextInt(candidates.size()));
    }
}
