package dev.pledge.config;

import dev.pledge.api.Kratix;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Operator settings, under the {@code pledge.} prefix. */
@ConfigMapping(prefix = "pledge")
public interface PledgeConfig {

    /** Namespace of Pledge's own objects: static-dependency Works, promise workflow Jobs, their placements. */
    @WithDefault(Kratix.SYSTEM_NAMESPACE)
    String systemNamespace();

    PipelineAdapter pipelineAdapter();

    /**
     * How often every placement in a state store is checked against the store and missing or changed files are
     * written back (Kratix's {@code stateStoreReconciliationInterval}, default 10h; 0 turns it off). The annotation
     * {@code pledge.dev/state-store-reconciliation-interval} on a GitStateStore or BucketStateStore overrides it.
     */
    @WithDefault("10h")
    Duration stateStoreReconciliationInterval();

    Workflows workflows();

    Self self();

    LeaderElection leaderElection();

    StateStoreRounds stateStoreRounds();

    /**
     * Who this operator runs as in the cluster, from the Deployment's downward API. Both unset when it runs from a
     * kubeconfig (a developer's machine, tests): then it grants itself nothing per Promise, as its user is
     * expected to hold every permission already.
     */
    interface Self {
        /** The operator's ServiceAccount name ({@code PLEDGE_SELF_SERVICE_ACCOUNT}). */
        Optional<String> serviceAccount();

        /** The operator's namespace ({@code PLEDGE_SELF_NAMESPACE}): its ServiceAccount's and its Lease's. */
        Optional<String> namespace();
    }

    /**
     * The Lease replicas compete for (active in the prod profile only; see docs/install.md). The identity is
     * the host name plus a random suffix, so two processes on one host never share it.
     */
    interface LeaderElection {
        @WithDefault("pledge-operator-leader")
        String leaseName();

        /**
         * How long a Lease holder that stopped renewing keeps it; failover after a crash waits this long, plus up to
         * 2.2 retry periods until a follower's next (jittered) attempt. Twice controller-runtime's 15 s, so that the
         * leader renews only every 10 s while idle (docs/install.md, "Leader election").
         */
        @WithDefault("30s")
        Duration leaseDuration();

        /**
         * The leader gives up (and exits) when it could not renew for this long. Less than the lease duration, and
         * more than 2.2 retry periods (the fabric8 elector's rule).
         */
        @WithDefault("25s")
        Duration renewDeadline();

        /** How often the leader renews the Lease (a GET and a PUT) and a follower tries to acquire it (jittered). */
        @WithDefault("10s")
        Duration retryPeriod();
    }

    /**
     * How a state store's next round (one commit and push, or one round of S3 calls) gathers placements before it
     * starts: until no placement arrived for {@code quiet}, or its oldest placement waited {@code maxWait}. A lone
     * change waits {@code quiet}; a burst of Works becomes a commit about every {@code maxWait}.
     */
    interface StateStoreRounds {
        @WithDefault("1s")
        Duration quiet();

        @WithDefault("3s")
        Duration maxWait();
    }

    /** The image pipeline Jobs run Pledge's own steps (reader, work-creator, update-status) from. */
    interface PipelineAdapter {
        @WithDefault("ghcr.io/pledge-dev/pledge:latest")
        String image();

        /**
         * The command that starts this binary inside that image; the sub-command follows as arguments. Both of
         * Pledge's images (src/main/docker) have it at /usr/local/bin/pledge: the native executable itself, or in the
         * JVM image a static launcher that execs java -jar, so no shell is needed and one value fits both.
         */
        @WithDefault("/usr/local/bin/pledge")
        List<String> command();

        /** An image pull secret for the adapter image, listed first in every pipeline Job. */
        Optional<String> pullSecret();
    }

    interface Workflows {
        /** Jobs kept per pipeline; older ones are deleted. */
        @WithDefault("5")
        int jobsToKeep();

        /** Default backoffLimit of pipeline Jobs whose pipeline sets none. */
        Optional<Integer> defaultBackoffLimit();

        /**
         * How many resource requests of one Promise may run their configure workflow at once; a Promise change that
         * fans out to many requests rolls through them this many at a time. New requests are not held back (their
         * runs do count against re-runs). The annotation {@code pledge.dev/max-concurrent-workflows} on a Promise
         * overrides it.
         */
        @WithDefault("5")
        int maxConcurrentResourceWorkflows();

        /** Configure workflows re-run after this long even when nothing changed (Kratix's default: 10h). */
        @WithDefault("10h")
        Duration reconciliationInterval();
    }
}
