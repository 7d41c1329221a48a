package dev.pledge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pledge installed on the test control plane from {@code kubernetes/}, rendered by kubectl's kustomize and applied
 * as rendered, except that the Deployment gets 0 replicas: there is no kubelet to run it. Tests run the operator as
 * child processes ({@link OperatorProcess}) authenticated as the installed ServiceAccount instead.
 */
public final class InstalledPledge {
    public static final String NAMESPACE = "kratix-platform-system";
    public static final String SERVICE_ACCOUNT = "pledge";
    private static List<JsonNode> applied;

    private InstalledPledge() {
    }

    /**
     * Applies the install tree once per JVM; returns what it applied. {@code -Dtest.pledge.install=DIR} applies another
     * tree (a benchmark installs an older build's own {@code kubernetes/} beside {@code -Dtest.pledge.runner}).
     */
    public static synchronized List<JsonNode> apply() {
        if (applied != null) {
            return applied;
        }
        KubernetesClient client = ControlPlane.client();
        List<JsonNode> objects = Kustomize.render(Path.of(System.getProperty("test.pledge.install",
                Kustomize.INSTALL.toString())));
        for (JsonNode object : objects) {
            if ("Deployment".equals(object.path("kind").asText())) {
                ((ObjectNode) object.path("spec")).put("replicas", 0);
            }
            GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(object,
                    GenericKubernetesResource.class);
            client.resource(resource).fieldManager("kubectl").forceConflicts().serverSideApply();
            if ("CustomResourceDefinition".equals(object.path("kind").asText())) {
                client.apiextensions().v1().customResourceDefinitions().withName(resource.getMetadata().getName())
                        .waitUntilCondition(KratixCrds::established, 60, TimeUnit.SECONDS);
            }
        }
        applied = objects;
        return objects;
    }

    /** The user name the API server gives a ServiceAccount of the operator's namespace. */
    public static String user(String serviceAccount) {
        return "system:serviceaccount:" + NAMESPACE + ":" + serviceAccount;
    }

    /**
     * Another ServiceAccount bound to exactly the installed roles: a second operator process runs as it, so the audit
     * log tells the two processes apart.
     */
    public static void addServiceAccountLikePledge(String name) {
        KubernetesClient client = ControlPlane.client();
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .endMetadata().build()).serverSideApply();
        client.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "pledge")
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(NAMESPACE).endSubject()
                .build()).serverSideApply();
        client.resource(new RoleBindingBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "pledge-leader-election")
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(NAMESPACE).endSubject()
                .build()).serverSideApply();
    }

    /** A kubeconfig that authenticates as the ServiceAccount with a token from the TokenRequest API. */
    public static Path kubeconfigFor(String serviceAccount, Path directory) {
        return kubeconfigFor(NAMESPACE, serviceAccount, directory);
    }

    /** As above for a ServiceAccount of another namespace (a pipeline's). */
    public static Path kubeconfigFor(String namespace, String serviceAccount, Path directory) {
        KubernetesClient client = ControlPlane.client();
        String token = client.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(7200L).endSpec().build())
                .getStatus().getToken();
        JsonNode admin = Yaml.documents(ControlPlane.start()).get(0);
        JsonNode cluster = admin.path("clusters").get(0).path("cluster");
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test
                    cluster:
                      server: %s
                      %s
                users:
                  - name: %s
                    user:
                      token: %s
                contexts:
                  - name: %s
                    context: {cluster: test, user: %s, namespace: %s}
                current-context: %s
                """.formatted(cluster.path("server").asText(), cluster.has("certificate-authority-data")
                ? "certificate-authority-data: " + cluster.path("certificate-authority-data").asText()
                : "certificate-authority: " + cluster.path("certificate-authority").asText(),
                serviceAccount, token, serviceAccount, serviceAccount, namespace, serviceAccount);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(serviceAccount + ".kubeconfig");
            Files.writeString(file, kubeconfig);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operator container's environment as the installed Deployment sets it, with the downward-API values
     * resolved as the kubelet would for a Pod of this ServiceAccount.
     */
    public static Map<String, String> deploymentEnv(String serviceAccount) {
        JsonNode container = apply().stream().filter(o -> "Deployment".equals(o.path("kind").asText())).findFirst()
                .orElseThrow().path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            String field = variable.path("valueFrom").path("fieldRef").path("fieldPath").asText("");
            switch (field) {
                case "" -> env.put(name, variable.path("value").asText());
                case "metadata.namespace" -> env.put(name, NAMESPACE);
                case "spec.serviceAccountName" -> env.put(name, serviceAccount);
                default -> throw new IllegalStateException("the test cannot resolve " + field + " for " + name);
            }
        }
        return env;
    }

    /**
     * Installs Pledge and starts the packaged jar as the installed ServiceAccount with the Deployment's environment
     * (the kubelet stand-in playing Pledge's own image) plus {@code extraEnv}; returns once the operator started.
     */
    public static OperatorProcess startOperator(String name, Path work, Map<String, String> extraEnv) {
        KubeletStandIn.start(KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
        apply();
        Map<String, String> env = new LinkedHashMap<>(deploymentEnv(SERVICE_ACCOUNT));
        // the kubelet stand-in plays Pledge's own image under this name
        env.put("PLEDGE_PIPELINE_ADAPTER_IMAGE", KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
        env.putAll(extraEnv);
        OperatorProcess operator = OperatorProcess.start(name, kubeconfigFor(SERVICE_ACCOUNT, work), env, work);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(240))
                .until(() -> operator.started() || !operator.alive());
        if (!operator.alive()) {
            throw new IllegalStateException("the operator did not start; its log: " + operator.log());
        }
        return operator;
    }
}
