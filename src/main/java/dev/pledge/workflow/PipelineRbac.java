package dev.pledge.workflow;

import dev.pledge.api.Kratix;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Pipeline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The permissions a pipeline's ServiceAccount gets: what Kratix grants every pipeline (read and update its
 * object, write Works) plus what the pipeline asks for in {@code spec.rbac.permissions}.
 */
final class PipelineRbac {
    private static final List<String> OBJECT_VERBS = List.of("get", "list", "update", "create", "patch");
    static final String ALL_NAMESPACES = "*";

    private PipelineRbac() {
    }

    static List<HasMetadata> objects(PipelineRun run, String serviceAccount) {
        List<HasMetadata> objects = new ArrayList<>();
        Subject subject = new Subject(null, "ServiceAccount", serviceAccount, run.namespace());
        Map<String, String> labels = Map.of(KratixLabels.PROMISE_NAME, run.promiseName());
        String id = run.id();
        if (!run.isResource()) {
            PolicyRule rule = new PolicyRuleBuilder().withApiGroups(Kratix.GROUP)
                    .withResources("promises", "promises/status", "works").withVerbs(OBJECT_VERBS).build();
            objects.add(new ClusterRoleBuilder().withMetadata(meta(id, null, labels)).withRules(rule).build());
            objects.add(new ClusterRoleBindingBuilder().withMetadata(meta(id, null, labels))
                    .withRoleRef(roleRef("ClusterRole", id)).withSubjects(subject).build());
        } else {
            ParentObject parent = run.parent();
            PolicyRule objectRule = new PolicyRuleBuilder().withApiGroups(parent.group())
                    .withResources(parent.plural(), parent.plural() + "/status").withVerbs(OBJECT_VERBS).build();
            PolicyRule works = new PolicyRuleBuilder().withApiGroups(Kratix.GROUP).withResources("works")
                    .withVerbs("*").build();
            objects.add(new RoleBuilder().withMetadata(meta(id, run.namespace(), labels))
                    .withRules(objectRule, works).build());
            objects.add(new RoleBindingBuilder().withMetadata(meta(id, run.namespace(), labels))
                    .withRoleRef(roleRef("Role", id)).withSubjects(subject).build());
            if (!parent.namespace().equals(run.namespace())) {
                String name = id + "-" + parent.namespace();
                objects.add(new ClusterRoleBuilder().withMetadata(meta(name, null, labels)).withRules(objectRule).build());
                objects.add(new ClusterRoleBindingBuilder().withMetadata(meta(name, null, labels))
                        .withRoleRef(roleRef("ClusterRole", name)).withSubjects(subject).build());
            }
        }
        objects.addAll(userPermissions(run, subject));
        return objects;
    }

    /** Rules without a namespace apply in the pipeline's namespace; others in theirs, or everywhere for "*". */
    static List<HasMetadata> userPermissions(PipelineRun run, Subject subject) {
        Pipeline.Rbac rbac = run.pipeline().getSpec().getRbac();
        if (rbac == null || rbac.getPermissions() == null || rbac.getPermissions().isEmpty()) {
            return List.of();
        }
        Map<String, List<PolicyRule>> byNamespace = new LinkedHashMap<>();
        List<PolicyRule> local = new ArrayList<>();
        for (Pipeline.Permission permission : rbac.getPermissions()) {
            PolicyRule rule = new PolicyRuleBuilder().withApiGroups(permission.getApiGroups())
                    .withResources(permission.getResources()).withResourceNames(permission.getResourceNames())
                    .withVerbs(permission.getVerbs()).withNonResourceURLs(permission.getNonResourceURLs()).build();
            String namespace = permission.getResourceNamespace();
            if (namespace == null || namespace.isEmpty()) {
                local.add(rule);
            } else {
                byNamespace.computeIfAbsent(namespace, n -> new ArrayList<>()).add(rule);
            }
        }
        List<HasMetadata> objects = new ArrayList<>();
        Map<String, String> labels = userLabels(run);
        String id = run.id();
        if (!local.isEmpty()) {
            String name = Names.deterministic(id);
            objects.add(new RoleBuilder().withMetadata(meta(name, run.namespace(), labels)).withRules(local).build());
            objects.add(new RoleBindingBuilder().withMetadata(meta(name, run.namespace(), labels))
                    .withRoleRef(roleRef("Role", name)).withSubjects(subject).build());
        }
        byNamespace.forEach((namespace, rules) -> {
            boolean everywhere = ALL_NAMESPACES.equals(namespace);
            String roleName = Names.deterministic(id + "-" + (everywhere ? "kratix-all-namespaces" : namespace));
            Map<String, String> roleLabels = new LinkedHashMap<>(labels);
            roleLabels.put(KratixLabels.RESOURCE_NAMESPACE, everywhere ? "kratix_all_namespaces" : namespace);
            objects.add(new ClusterRoleBuilder().withMetadata(meta(roleName, null, roleLabels)).withRules(rules).build());
            String bindingName = Names.deterministic(id + "-" + run.namespace());
            if (everywhere) {
                objects.add(new ClusterRoleBindingBuilder().withMetadata(meta(bindingName, null, roleLabels))
                        .withRoleRef(roleRef("ClusterRole", roleName)).withSubjects(subject).build());
            } else {
                objects.add(new RoleBindingBuilder().withMetadata(meta(bindingName, namespace, roleLabels))
                        .withRoleRef(roleRef("ClusterRole", roleName)).withSubjects(subject).build());
            }
        });
        return objects;
    }

    static Map<String, String> userLabels(PipelineRun run) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KratixLabels.PROMISE_NAME, run.promiseName());
        labels.put(KratixLabels.WORKFLOW_TYPE, run.type().value());
        labels.put(KratixLabels.WORKFLOW_ACTION, run.action().value());
        labels.put(KratixLabels.PIPELINE_NAME, run.pipeline().name());
        labels.put(KratixLabels.PIPELINE_NAMESPACE, run.namespace());
        return labels;
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build();
    }

    private static RoleRef roleRef(String kind, String name) {
        return new RoleRef("rbac.authorization.k8s.io", kind, name);
    }
}
