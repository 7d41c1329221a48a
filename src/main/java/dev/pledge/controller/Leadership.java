package dev.pledge.controller;

import dev.pledge.config.PledgeConfig;
import dev.pledge.metrics.LeaderMeters;
import dev.pledge.runtime.LeaderGate;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Leader election between replicas: one Lease in the operator's namespace. The Operator SDK starts every controller's
 * event processing only once this process holds the Lease, so everything Pledge starts from a reconcile (the
 * per-Promise resource-request controllers and their Job informer) runs only on the leader too; their workers also
 * wait at the {@link LeaderGate} produced here, so nothing they queued is reconciled by a replica that lost the Lease. A replica that loses
 * the Lease stops those controllers and exits; Kubernetes restarts it as a follower.
 *
 * <p>The Operator SDK reads this bean only in the profiles named by
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod): tests in one JVM restart the
 * application many times, and a Lease held by a stopped instance would hold up the next one for a whole lease
 * duration.
 */
@ApplicationScoped
public class Leadership {
    private static final Logger LOG = Logger.getLogger(Leadership.class);
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * Before the Operator SDK stops (its listener observes the same event at the default priority): leadership then
     * ends on purpose, it is not lost.
     */
    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping.set(true);
    }

    /**
     * What the controllers Pledge starts itself wait at: open from the start when no election runs (dev, tests),
     * else closed until this process holds the Lease.
     */
    @Produces
    @Singleton
    LeaderGate gate() {
        return LeaderGate.alwaysOpen();
    }

    @Produces
    @Singleton
    @Unremovable
    LeaderElectionConfiguration leaderElection(PledgeConfig config, ResourceRequests requests,
            LeaderMeters leaderMeters, LeaderGate gate) {
        // read only where an election runs: from here on, reconciling waits for the Lease
        gate.close();
        PledgeConfig.LeaderElection settings = config.leaderElection();
        String identity = identity();
        String namespace = config.self().namespace().orElse(config.systemNamespace());
        LOG.infof("leader election: Lease %s/%s, identity %s", namespace, settings.leaseName(), identity);
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
                .withLeaseNamespace(namespace)
                .withIdentity(identity)
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            LOG.infof("%s leads: controllers start", identity);
                            leaderMeters.leading();
                            gate.open();
                        },
                        () -> {
                            if (stopping.get()) {
                                LOG.infof("%s stops leading: the process is stopping", identity);
                            } else {
                                LOG.warnf("%s lost the lease: stopping the resource-request controllers", identity);
                            }
                            gate.close();
                            requests.stopAll();
                            leaderMeters.stopped();
                        },
                        leader -> LOG.infof("the leader is %s", leader)))
                .build();
    }

    /** The host (the Pod's name in a cluster) plus a random suffix: unique even for two processes on one host. */
    static String identity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "pledge";
        }
        return host + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
