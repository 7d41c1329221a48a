package dev.pledge.controller;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.WorkflowType;
import dev.pledge.config.PledgeConfig;
import dev.pledge.promise.PromiseApi;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One resource-request controller per Promise with an API, started once its CRD is Established and stopped
 * when the Promise goes. The Java Operator SDK cannot add controllers after start nor use a generic primary,
 * so each is a hand-rolled informer on the Promise's kind with its own work queue; all share one Job informer
 * that tells them when a pipeline Job changed. They are started by the Promise controller, which reconciles only
 * while this process holds the leader Lease ({@link Leadership}); losing it stops them all ({@link #stopAll()})
 * before the process exits.
 */
@ApplicationScoped
public class ResourceRequests {
    private final KubernetesClient client;
    private final WorkflowRunner runner;
    private final EventRecorder events;
    private final PledgeConfig config;
    private final Map<String, ResourceRequestController> controllers = new ConcurrentHashMap<>();
    private SharedIndexInformer<Job> jobs;

    public ResourceRequests(KubernetesClient client, WorkflowRunner runner, EventRecorder events, PledgeConfig config) {
        this.client = client;
        this.runner = runner;
        this.events = events;
        this.config = config;
    }

    /** Starts the Promise's controller, or hands it the Promise's latest spec (a change re-runs every request). */
    public synchronized void ensure(Promise promise, PromiseApi.Identity api) {
        watchJobs();
        String name = promise.getMetadata().getName();
        ResourceRequestController existing = controllers.get(name);
        if (existing != null && existing.serves(api)) {
            existing.update(promise);
            return;
        }
        if (existing != null) {
            existing.close();
        }
        controllers.put(name, new ResourceRequestController(client, runner, events, config, promise, api));
    }

    public synchronized void stop(String promise) {
        ResourceRequestController controller = controllers.remove(promise);
        if (controller != null) {
            controller.close();
        }
    }

    public boolean running(String promise) {
        return controllers.containsKey(promise);
    }

    /** Asks every request of the Promise to reconcile again (e.g. kratix.io/reconcile-resources). */
    public void reconcileAll(String promise) {
        ResourceRequestController controller = controllers.get(promise);
        if (controller != null) {
            controller.enqueueAll();
        }
    }

    private void watchJobs() {
        if (jobs != null) {
            return;
        }
        jobs = client.batch().v1().jobs().inAnyNamespace()
                .withLabel(KratixLabels.MANAGED_BY, KratixLabels.MANAGED_BY_KRATIX)
                .withLabel(KratixLabels.WORKFLOW_TYPE, WorkflowType.RESOURCE.value())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Job job) {
                        route(job);
                    }

                    @Override
                    public void onUpdate(Job before, Job after) {
                        route(after);
                    }

                    @Override
                    public void onDelete(Job job, boolean unknown) {
                        route(job);
                    }
                }, 0);
    }

    private void route(Job job) {
        var labels = job.getMetadata().getLabels();
        var annotations = job.getMetadata().getAnnotations();
        if (labels == null || annotations == null) {
            return;
        }
        ResourceRequestController controller = controllers.get(labels.get(KratixLabels.PROMISE_NAME));
        String name = annotations.get(KratixLabels.JOB_RESOURCE_NAME);
        if (controller != null && name != null) {
            controller.enqueue(annotations.getOrDefault(KratixLabels.JOB_RESOURCE_NAMESPACE, "") + "/" + name);
        }
    }

    /** Stops every request controller and the Job informer: on shutdown and when this process stops leading. */
    @PreDestroy
    public synchronized void stopAll() {
        controllers.values().forEach(ResourceRequestController::close);
        controllers.clear();
        if (jobs != null) {
            jobs.stop();
            jobs = null;
        }
    }
}
