package dev.pledge.workflow.adapter;

import dev.pledge.cli.Cli;
import dev.pledge.testing.KratixCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small CRD-backed kind standing in for a Promise's API ({@code Database} in {@code adapter.test.pledge.dev}),
 * objects of it, and a way to run adapter sub-commands in-process with their environment and captured output.
 */
public final class AdapterFixture {
    public static final String GROUP = "adapter.test.pledge.dev";
    public static final String VERSION = "v1";
    public static final String KIND = "Database";
    public static final String PLURAL = "databases";
    public static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder().withGroup(GROUP)
            .withVersion(VERSION).withKind(KIND).withPlural(PLURAL).withNamespaced(true).build();
    private static boolean installed;

    private AdapterFixture() {
    }

    /** The Kratix CRDs and the Database CRD (with a status subresource, as Kratix rewrites Promise APIs). */
    public static synchronized KubernetesClient client() {
        KubernetesClient client = KratixCrds.installed();
        if (installed) {
            return client;
        }
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(PLURAL + "." + GROUP).endMetadata()
                .withNewSpec().withGroup(GROUP).withScope("Namespaced")
                .withNewNames().withKind(KIND).withPlural(PLURAL).withSingular("database").withListKind("DatabaseList")
                .endNames()
                .addNewVersion().withName(VERSION).withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder().withType("object")
                        .addToProperties("spec", new JSONSchemaPropsBuilder().withType("object")
                                .withXKubernetesPreserveUnknownFields(true).build())
                        .addToProperties("status", new JSONSchemaPropsBuilder().withType("object")
                                .withXKubernetesPreserveUnknownFields(true).build())
                        .build())
                .endSchema()
                .endVersion()
                .endSpec().build();
        client.resource(crd).serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(KratixCrds::established, 60, TimeUnit.SECONDS);
        installed = true;
        return client;
    }

    public static void namespace(String name) {
        client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .serverSideApply();
    }

    /** Creates a Database with the given spec and, when not null, status. */
    public static GenericKubernetesResource database(String namespace, String name, Map<String, Object> spec,
            Map<String, Object> status) {
        namespace(namespace);
        GenericKubernetesResource object = new GenericKubernetesResourceBuilder().withApiVersion(GROUP + "/" + VERSION)
                .withKind(KIND).withNewMetadata().withName(name).withNamespace(namespace).endMetadata().build();
        object.setAdditionalProperty("spec", spec);
        GenericKubernetesResource created = client().genericKubernetesResources(TYPE).inNamespace(namespace)
                .resource(object).create();
        if (status != null) {
            created.setAdditionalProperty("status", status);
            created = client().genericKubernetesResources(TYPE).inNamespace(namespace).resource(created).updateStatus();
        }
        return created;
    }

    public static GenericKubernetesResource get(String namespace, String name) {
        return client().genericKubernetesResources(TYPE).inNamespace(namespace).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> status(String namespace, String name) {
        Object status = get(namespace, name).getAdditionalProperties().get("status");
        return status == null ? Map.of() : (Map<String, Object>) status;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> condition(Map<String, Object> status, String type) {
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
        return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
    }

    /** The {@code KRATIX_*} environment a Job gives the adapter for a resource workflow of this Database. */
    public static Map<String, String> resourceEnv(String promise, String pipeline, String namespace, String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRATIX_WORKFLOW_ACTION", "configure");
        env.put("KRATIX_WORKFLOW_TYPE", "resource");
        env.put("KRATIX_PROMISE_NAME", promise);
        env.put("KRATIX_PIPELINE_NAME", pipeline);
        env.put("KRATIX_OBJECT_KIND", KIND);
        env.put("KRATIX_OBJECT_GROUP", GROUP);
        env.put("KRATIX_OBJECT_VERSION", VERSION);
        env.put("KRATIX_OBJECT_NAME", name);
        env.put("KRATIX_OBJECT_NAMESPACE", namespace);
        env.put("KRATIX_CRD_PLURAL", PLURAL);
        env.put("KRATIX_CLUSTER_SCOPED", "false");
        return env;
    }

    /** What one in-process run of the binary printed and returned. */
    public record Run(int status, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    public static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
