package dev.pledge.controller;

import dev.pledge.api.Kratix;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.config.PledgeConfig;
import dev.pledge.promise.PromiseApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Pledge grants itself per Promise API. The installed ClusterRole names no Promise API (they are not known at
 * install time, and a wildcard would give the operator every resource of the cluster), so when a Promise's CRD is
 * installed Pledge binds its own ServiceAccount to a ClusterRole for exactly that group and resource, and removes
 * both with the Promise. Both carry an owner reference to the Promise, so the garbage collector removes them too if
 * the Promise disappears without its finalizer running. Creating them needs {@code escalate} and {@code bind} on
 * ClusterRoles, which the installed ClusterRole holds.
 *
 * <p>Without a configured ServiceAccount (running from a kubeconfig) nothing is granted.
 */
@ApplicationScoped
public class ApiGrants {
    static final String PREFIX = "pledge-api-";
    static final List<String> REQUEST_VERBS = List.of("get", "list", "watch", "update", "patch", "delete",
            "deletecollection");
    static final List<String> STATUS_VERBS = List.of("get", "update", "patch");
    static final List<String> FINALIZER_VERBS = List.of("update");

    private final KubernetesClient client;
    private final PledgeConfig config;
    /** Promise name to the Promise version (uid, generation, API) whose grant the API server confirmed. */
    private final Map<String, String> granted = new ConcurrentHashMap<>();

    public ApiGrants(KubernetesClient client, PledgeConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * Applies the Promise's grant; true once the API server authorizes Pledge to watch the API's resources. Once
     * granted, it is applied again only when the Promise (its uid, generation or API) changed: the Promise controller
     * reconciles on every change of its requests' rollout, which needs no new grant.
     */
    boolean grant(Promise promise, PromiseApi.Identity api) {
        if (!configured()) {
            return true;
        }
        String name = promise.getMetadata().getName();
        String version = promise.getMetadata().getUid() + "/" + promise.getMetadata().getGeneration() + "/" + api;
        if (version.equals(granted.get(name))) {
            return true;
        }
        for (HasMetadata object : objectsFor(promise, api, config.self().namespace().orElseThrow(),
                config.self().serviceAccount().orElseThrow())) {
            client.resource(object).fieldManager("pledge").forceConflicts().serverSideApply();
        }
        var review = client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes().withGroup(api.group()).withResource(api.plural())
                .withVerb("watch").endResourceAttributes().endSpec().build());
        boolean allowed = review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
        if (allowed) {
            granted.put(name, version);
        }
        return allowed;
    }

    /** Removes the Promise's grant; the last step of its deletion, after its resource requests are gone. */
    void revoke(Promise promise) {
        if (!configured()) {
            return;
        }
        granted.remove(promise.getMetadata().getName());
        String name = nameFor(promise.getMetadata().getName());
        client.rbac().clusterRoleBindings().withName(name).delete();
        client.rbac().clusterRoles().withName(name).delete();
    }

    private boolean configured() {
        return config.self().serviceAccount().isPresent() && config.self().namespace().isPresent();
    }

    static String nameFor(String promise) {
        return PREFIX + promise;
    }

    /** The ClusterRole for the API's resources (with their status and finalizers) and its binding to Pledge. */
    static List<HasMetadata> objectsFor(Promise promise, PromiseApi.Identity api, String namespace,
            String serviceAccount) {
        String name = nameFor(promise.getMetadata().getName());
        String plural = api.plural();
        var role = new ClusterRoleBuilder().withMetadata(meta(name, promise))
                .addToRules(new PolicyRuleBuilder().withApiGroups(api.group()).withResources(plural)
                        .withVerbs(REQUEST_VERBS).build())
                .addToRules(new PolicyRuleBuilder().withApiGroups(api.group()).withResources(plural + "/status")
                        .withVerbs(STATUS_VERBS).build())
                .addToRules(new PolicyRuleBuilder().withApiGroups(api.group()).withResources(plural + "/finalizers")
                        .withVerbs(FINALIZER_VERBS).build())
                .build();
        var binding = new ClusterRoleBindingBuilder().withMetadata(meta(name, promise))
                .withRoleRef(new RoleRef("rbac.authorization.k8s.io", "ClusterRole", name))
                .withSubjects(new Subject(null, "ServiceAccount", serviceAccount, namespace))
                .build();
        return List.of(role, binding);
    }

    private static ObjectMeta meta(String name, Promise promise) {
        return new ObjectMetaBuilder().withName(name)
                .withLabels(Map.of(KratixLabels.PROMISE_NAME, promise.getMetadata().getName()))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(Kratix.API_VERSION).withKind("Promise")
                        .withName(promise.getMetadata().getName()).withUid(promise.getMetadata().getUid()).build())
                .build();
    }
}
