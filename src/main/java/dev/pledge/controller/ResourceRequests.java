package dev.pledge.controller;

import dev.pledge.api.Promise;
import dev.pledge.api.PromiseStatus;
import dev.pledge.config.PledgeConfig;
import dev.pledge.promise.PromiseApi;
import dev.pledge.runtime.LeaderGate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One resource-request controller per Promise with an API, started once its CRD is Established and stopped
 * when the Promise goes. Each runs on Pledge's own runtime ({@code dev.pledge.runtime}: the Java Operator SDK
 * cannot add controllers after start nor use a generic primary); all share the Job, Work and WorkPlacement caches
 * of {@link RequestInformers}, whose events wake the request they belong to. They are started by the Promise
 * controller, which reconciles only while this process holds the leader Lease ({@link Leadership}); their workers
 * also wait at the {@link LeaderGate}, and losing the Lease stops them all ({@link #stopAll()}).
 */
@ApplicationScoped
public class ResourceRequests {
    private final KubernetesClient client;
    private final WorkflowRunner runner;
    private final EventRecorder events;
    private final PledgeConfig config;
    private final MeterRegistry registry;
    private final LeaderGate gate;
    private final Map<String, ResourceRequestController> controllers = new ConcurrentHashMap<>();
    private RequestInformers informers;
    private volatile Consumer<String> rolloutChanged = promise -> { };

    public ResourceRequests(KubernetesClient client, WorkflowRunner runner, EventRecorder events, PledgeConfig config,
            MeterRegistry registry, LeaderGate gate) {
        this.client = client;
        this.runner = runner;
        this.events = events;
        this.config = config;
        this.registry = registry;
        this.gate = gate;
    }

    /**
     * Where a Promise's requests live, said in full: fabric8 otherwise finds a kind by API discovery, which it caches,
     * so a request controller started the moment the API's CRD is Established failed with "Could not find the
     * metadata for the given apiVersion and kind" until the next retry.
     */
    static ResourceDefinitionContext definition(PromiseApi.Identity api) {
        return new ResourceDefinitionContext.Builder().withGroup(api.group()).withVersion(api.storageVersion())
                .withKind(api.kind()).withPlural(api.plural()).withNamespaced(true).build();
    }

    /** Starts the Promise's controller, or hands it the Promise's latest spec (a change re-runs every request). */
    public synchronized void ensure(Promise promise, PromiseApi.Identity api) {
        ensure(promise, api, null);
    }

    /**
     * As {@link #ensure(Promise, PromiseApi.Identity)}, saying whether the Promise's required Promises are met:
     * {@code unmetRequirements} (why not) makes every request wait; null lets them run.
     */
    public synchronized void ensure(Promise promise, PromiseApi.Identity api, String unmetRequirements) {
        if (informers == null) {
            informers = new RequestInformers(client, new RequestInformers.Changes() {
                @Override
                public void job(RequestInformers.RequestRef request, boolean stoppedRunning) {
                    ResourceRequestController controller = controllers.get(request.promise());
                    if (controller != null) {
                        controller.jobChanged(request.key(), stoppedRunning);
                    }
                }

                @Override
                public void placement(RequestInformers.RequestRef request) {
                    ResourceRequestController controller = controllers.get(request.promise());
                    if (controller != null) {
                        controller.enqueue(request.key());
                    }
                }
            });
            informers.start();
        }
        String name = promise.getMetadata().getName();
        ResourceRequestController existing = controllers.get(name);
        if (existing != null && existing.serves(api)) {
            existing.update(promise);
            existing.requirements(unmetRequirements);
            return;
        }
        if (existing != null) {
            existing.close();
        }
        controllers.put(name, new ResourceRequestController(client, runner, events, config, informers,
                promise, api, registry, gate, unmetRequirements, () -> rolloutChanged.accept(name)));
    }

    /** Hands a running controller the Promise's latest labels and spec, starting none (a paused Promise). */
    public synchronized void refresh(Promise promise) {
        ResourceRequestController existing = controllers.get(promise.getMetadata().getName());
        if (existing != null) {
            existing.update(promise);
        }
    }

    public synchronized void stop(String promise) {
        ResourceRequestController controller = controllers.remove(promise);
        if (controller != null) {
            controller.close();
        }
    }

    /** Who to tell, by Promise name, when a Promise's rollout counts changed (the Promise controller). */
    public void onRolloutChange(Consumer<String> listener) {
        this.rolloutChanged = listener;
    }

    /** The Promise's rollout counts; null when its request controller does not run. */
    public PromiseStatus.Rollout rollout(String promise) {
        ResourceRequestController controller = controllers.get(promise);
        return controller == null ? null : controller.rollout();
    }

    public boolean running(String promise) {
        return controllers.containsKey(promise);
    }

    /** kratix.io/reconcile-resources: every request of the Promise runs its configure workflow again. */
    public void rerunAll(String promise) {
        ResourceRequestController controller = controllers.get(promise);
        if (controller != null) {
            controller.rerunAll();
        }
    }

    /** Stops every request controller and the shared informers: on shutdown and when this process stops leading. */
    @PreDestroy
    public synchronized void stopAll() {
        controllers.values().forEach(ResourceRequestController::close);
        controllers.clear();
        if (informers != null) {
            informers.close();
            informers = null;
        }
    }
}
