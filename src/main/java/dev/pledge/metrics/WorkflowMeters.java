package dev.pledge.metrics;

import dev.pledge.operator.LeanCache;
import dev.pledge.workflow.WorkflowLabels;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts pipeline Jobs as they finish, from one informer of every Job Pledge runs (label
 * {@code app.kubernetes.io/managed-by: Kratix}, promise and resource workflows alike), so the meters do not depend on
 * the controllers that start the Jobs.
 *
 * <p>Only the leader counts ({@link LeaderMeters} starts and stops this): with two replicas both would see every
 * Job, and Prometheus summing the pods would count each twice. Each Job is counted once, on the update that
 * finishes it ({@link FinishedJob#transition}); a Job that finished while no leader watched is not counted.
 */
@ApplicationScoped
public class WorkflowMeters {
    private final KubernetesClient client;
    private final PledgeMetrics metrics;
    private SharedIndexInformer<Job> jobs;

    public WorkflowMeters(KubernetesClient client, PledgeMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    /** Counts from now on. */
    synchronized void start() {
        if (jobs != null) {
            return;
        }
        jobs = LeanCache.statusOnlyOn(client.batch().v1().jobs().inAnyNamespace()
                .withLabel(WorkflowLabels.MANAGED_BY, WorkflowLabels.MANAGED_BY_KRATIX)
                .runnableInformer(0));
        jobs.addEventHandler(new ResourceEventHandler<>() {
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
        });
        // without waiting for the first list: start-up (or taking the Lease) never hangs on the meters
        jobs.start();
    }

    /** Another replica counts from here (or none: the process stops). */
    synchronized void stop() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }
}
