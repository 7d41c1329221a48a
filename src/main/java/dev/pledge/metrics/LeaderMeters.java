package dev.pledge.metrics;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * The meters that follow leadership: {@code pledge_leader} (1 on the replica holding the Lease, so
 * {@code sum(pledge_leader)} should be 1) and the workflow meters, which only the leader counts. Leader election
 * ({@code controller.Leadership}) calls {@link #leading()} and {@link #stopped()}; where no election runs (dev and
 * test profiles) this process leads from start-up.
 */
@ApplicationScoped
public class LeaderMeters {
    private final PledgeMetrics metrics;
    private final WorkflowMeters workflows;
    private final Instance<Operator> operator;

    public LeaderMeters(PledgeMetrics metrics, WorkflowMeters workflows, Instance<Operator> operator) {
        this.metrics = metrics;
        this.workflows = workflows;
        this.operator = operator;
    }

    void start(@Observes StartupEvent started) {
        boolean electsLeader = operator.isResolvable()
                && operator.get().getConfigurationService().getLeaderElectionConfiguration().isPresent();
        if (!electsLeader) {
            leading();
        }
    }

    /** This process took the Lease. */
    public void leading() {
        metrics.leader(true);
        workflows.start();
    }

    /** This process lost the Lease. */
    public void stopped() {
        metrics.leader(false);
        workflows.stop();
    }

    void stop(@Observes ShutdownEvent stopping) {
        workflows.stop();
    }
}
