package dev.pledge.metrics;

import dev.pledge.workflow.WorkflowLabels;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Counts pipeline Jobs as they finish, from one informer of every Job Pledge runs (label
 * {@code app.kubernetes.io/managed-by: Kratix}, promise and resource workflows alike), so the meters do not depend on
 * the controllers that start the Jobs.
 *
 * <p>Only the leader counts: with two replicas both would see every Job, and Prometheus summing the pods would count
 * each twice. It starts when this process takes the Lease ({@link #leading()}), or at start-up where no leader
 * election runs (dev and test profiles). Each Job is counted once, on the update that finishes it
 * ({@link FinishedJob#transition}); a Job that finished while no leader watched is not counted.
 */
@ApplicationScoped
public class WorkflowMeters {
    private final KubernetesClient client;
    private final PledgeMetrics metrics;
    private final Instance<Operator> operator;
    private SharedIndexInformer<Job> jobs;

    public WorkflowMeters(KubernetesClient client, PledgeMetrics metrics, Instance<Operator> operator) {
        this.client = client;
        this.metrics = metrics;
        this.operator = operator;
    }

    void start(@Observes StartupEvent started) {
        boolean electsLeader = operator.isResolvable()
                && operator.get().getConfigurationService().getLeaderElectionConfiguration().isPresent();
        if (!electsLeader) {
            leading();
        }
    }

    /** This process leads: count from now on. */
    public synchronized void leading() {
        if (jobs != null) {
            return;
        }
        jobs = client.batch().v1().jobs().inAnyNamespace()
                .withLabel(WorkflowLabels.MANAGED_BY, WorkflowLabels.MANAGED_BY_KRATIX)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Job job) {
                        // already running or finished when first seen: counted, if at all, when it changes
                    }

                    @Override
                    public void onUpdate(Job before, Job after) {
                        FinishedJob.transition(before, after).ifPresent(metrics::workflowFinished);
                    }

                    @Override
                    public void onDelete(Job job, boolean unknown) {
                        // a Job deleted while running did not finish
                    }
                }, 0);
    }

    /** This process no longer leads (or stops): another replica counts from here. */
    public synchronized void stopped() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped();
    }
}
