package dev.pledge.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pledge.api.Kratix;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseStatus;
import dev.pledge.api.Work;
import dev.pledge.config.PledgeConfig;
import dev.pledge.promise.PromiseApi;
import dev.pledge.promise.StaticDependencies;
import dev.pledge.validation.PromiseValidator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Installs a Promise: validates it, installs its API as a CRD, keeps the static-dependency Work in step with
 * {@code spec.dependencies}, and reports all of it in the Promise's status. Deleting a Promise removes its Works
 * (and through them their placements and files) and then its CRD.
 */
@ControllerConfiguration(name = "promise", finalizerName = KratixLabels.PROMISE_CLEANUP_FINALIZER)
@RBACRule(apiGroups = "apiextensions.k8s.io", resources = "customresourcedefinitions", verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = Kratix.GROUP, resources = "works", verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = "", resources = "events", verbs = {"create", "patch"})
public class PromiseReconciler implements Reconciler<Promise>, Cleaner<Promise> {
    public static final String AVAILABLE = "Available";
    static final String DESIRED_HASH = "pledge.dev/desired-hash";
    static final Duration WAIT = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final EventRecorder events;
    private final PledgeConfig config;
    private final KubernetesSerialization serialization;

    public PromiseReconciler(KubernetesClient client, EventRecorder events, PledgeConfig config) {
        this.client = client;
        this.events = events;
        this.config = config;
        this.serialization = client.getKubernetesSerialization();
    }

    @Override
    public UpdateControl<Promise> reconcile(Promise promise, Context<Promise> context) {
        List<String> problems = PromiseValidator.problems(promise);
        if (!problems.isEmpty()) {
            return unavailable(promise, "InvalidPromise", "Promise is invalid: " + String.join("; ", problems));
        }
        PromiseStatus status = copyOf(promise.getStatus());
        if (!promise.getSpec().hasNoApi()) {
            PromiseApi.Identity api = PromiseApi.identity(promise);
            Refusal refusal = installApi(promise, api);
            if (refusal != null) {
                return unavailable(promise, refusal.reason(), refusal.message());
            }
            status.setKind(api.kind());
            status.setApiVersion(api.apiVersion());
            if (!established(api.crdName())) {
                return patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE, "APIPending",
                        "Waiting for the API " + api.crdName() + " to be established")).rescheduleAfter(WAIT);
            }
        }
        syncDependencies(promise);
        return patchIfChanged(promise, withAvailable(promise, status, Conditions.TRUE, "PromiseAvailable",
                "Ready to fulfil resource requests"));
    }

    @Override
    public DeleteControl cleanup(Promise promise, Context<Promise> context) {
        String name = promise.getMetadata().getName();
        var works = client.resources(Work.class).inAnyNamespace().withLabel(KratixLabels.PROMISE_NAME, name);
        if (!works.list().getItems().isEmpty()) {
            works.delete();
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
        }
        if (!promise.getSpec().hasNoApi()) {
            String crdName = PromiseApi.identity(promise).crdName();
            var crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName);
            CustomResourceDefinition existing = crd.get();
            if (existing != null && name.equals(ownerOf(existing))) {
                crd.delete();
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
            }
        }
        return DeleteControl.defaultDelete();
    }

    /** Why a Promise cannot be installed as it is. */
    private record Refusal(String reason, String message) {
    }

    /** Applies the API CRD when it changed; says why when the Promise cannot have it. */
    private Refusal installApi(Promise promise, PromiseApi.Identity api) {
        ObjectNode desired = PromiseApi.crdFor(promise);
        String hash = md5(desired.toString());
        desired.with("metadata").with("annotations").put(DESIRED_HASH, hash);
        CustomResourceDefinition existing = client.apiextensions().v1().customResourceDefinitions()
                .withName(api.crdName()).get();
        if (existing != null) {
            String owner = ownerOf(existing);
            if (!promise.getMetadata().getName().equals(owner)) {
                return new Refusal("APIConflict", "The API " + api.crdName() + " is already provided by "
                        + (owner == null ? "a CustomResourceDefinition not installed by a Promise" : "Promise " + owner)
                        + "; remove spec.api or choose another group or plural");
            }
            if (hash.equals(existing.getMetadata().getAnnotations().get(DESIRED_HASH))) {
                return null;
            }
        }
        try {
            CustomResourceDefinition crd = serialization.convertValue(desired, CustomResourceDefinition.class);
            client.resource(crd).fieldManager("pledge").forceConflicts().serverSideApply();
            events.normal(promise, "APIInstalled", "Installed the API " + api.crdName());
            return null;
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            return new Refusal("InvalidAPI", "The API CRD in spec.api was rejected by the API server: " + reason);
        }
    }

    private boolean established(String crdName) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Creates, updates or deletes the static-dependency Work; writes nothing when it is already right. */
    private void syncDependencies(Promise promise) {
        String namespace = config.systemNamespace();
        Work desired = StaticDependencies.workFor(promise, namespace);
        var works = client.resources(Work.class).inNamespace(namespace);
        Work existing = works.withName(StaticDependencies.workName(promise)).get();
        if (desired == null) {
            if (existing != null) {
                works.resource(existing).delete();
            }
            return;
        }
        if (existing != null && sameTree(existing.getSpec(), desired.getSpec())
                && existing.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())) {
            return;
        }
        desired.getMetadata().setAnnotations(java.util.Map.of(KratixLabels.LAST_UPDATED_AT,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        client.resource(desired).fieldManager("pledge").forceConflicts().serverSideApply();
    }

    private UpdateControl<Promise> unavailable(Promise promise, String reason, String message) {
        PromiseStatus status = copyOf(promise.getStatus());
        if (!Conditions.has(conditions(promise), AVAILABLE, Conditions.FALSE, reason, message)) {
            events.warning(promise, reason, message);
        }
        return patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE, reason, message));
    }

    private PromiseStatus withAvailable(Promise promise, PromiseStatus status, String available, String reason,
            String message) {
        boolean isAvailable = Conditions.TRUE.equals(available);
        boolean wasAvailable = "Available".equals(status.getStatus());
        status.setConditions(Conditions.set(status.getConditions(), AVAILABLE, available, reason, message,
                promise.getMetadata().getGeneration()));
        status.setStatus(isAvailable ? "Available" : "Unavailable");
        status.setMessage(isAvailable ? "Ready" : message);
        status.setObservedGeneration(promise.getMetadata().getGeneration());
        String version = promise.getMetadata().getLabels() == null ? null
                : promise.getMetadata().getLabels().get(KratixLabels.PROMISE_VERSION);
        status.setVersion(version);
        if (isAvailable && !wasAvailable) {
            status.setLastAvailableTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            events.normal(promise, "Available", "Promise is available");
        }
        return status;
    }

    private UpdateControl<Promise> patchIfChanged(Promise current, PromiseStatus status) {
        return StatusPatch.ifChanged(current, status, Promise::new, serialization);
    }

    private PromiseStatus copyOf(PromiseStatus status) {
        return status == null ? new PromiseStatus() : serialization.clone(status);
    }

    private boolean sameTree(Object a, Object b) {
        return StatusPatch.same(serialization, a, b);
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> conditions(Promise promise) {
        return promise.getStatus() == null ? List.of() : promise.getStatus().getConditions();
    }

    private static String ownerOf(CustomResourceDefinition crd) {
        return crd.getMetadata().getLabels() == null ? null : crd.getMetadata().getLabels().get(KratixLabels.PROMISE_NAME);
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
