package dev.pledge.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.Pipeline;
import dev.pledge.api.Selector;
import dev.pledge.api.Unstructured;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline Job contract: what a pipeline image can rely on, field by field. */
class PipelineJobsTest {
    static final AdapterSettings SETTINGS = new AdapterSettings("registry.example/pledge:1.0", List.of("/pledge"),
            "adapter-pull", null, null, null, null);
    static final ParentObject REQUEST = new ParentObject("db.pledge.dev", "v1", "Database", "databases", "orders",
            "team-a", "uid-orders", false);

    static Pipeline pipeline(String yaml) {
        Map<String, Object> raw = Yaml.mapper().convertValue(Yaml.documents(yaml).get(0), Map.class);
        return Pipeline.from(new Unstructured(raw));
    }

    static final Pipeline FIRST = pipeline("""
            apiVersion: platform.kratix.io/v1alpha1
            kind: Pipeline
            metadata:
              name: instance
              labels: {team: data}
              annotations: {pledge.dev/note: hello}
            spec:
              imagePullSecrets: [{name: user-pull}]
              nodeSelector: {kubernetes.io/os: linux}
              tolerations: [{key: dedicated, operator: Equal, value: pipelines, effect: NoSchedule}]
              jobOptions: {backoffLimit: 3}
              volumes: [{name: extra, emptyDir: {}}]
              rbac:
                permissions:
                  - {apiGroups: [""], resources: [secrets], verbs: [get]}
                  - {apiGroups: [""], resources: [configmaps], verbs: [list], resourceNamespace: shared}
                  - {apiGroups: [apps], resources: [deployments], verbs: [get], resourceNamespace: "*"}
              containers:
                - name: render
                  image: example.org/render:v1
                  command: [render]
                  args: [--fast]
                  env: [{name: MODE, value: strict}]
                  volumeMounts: [{name: extra, mountPath: /extra}]
                - name: lint
                  image: example.org/lint:v1
                  imagePullPolicy: Always
            """);
    static final Pipeline SECOND = pipeline("""
            apiVersion: platform.kratix.io/v1alpha1
            kind: Pipeline
            metadata: {name: notify}
            spec:
              containers: [{name: notify, image: example.org/notify:v1}]
            """);

    static PipelineRun requestRun(Pipeline pipeline, boolean last, String namespace, boolean pipelineNamespaceSet) {
        return new PipelineRun("database", WorkflowType.RESOURCE, WorkflowAction.CONFIGURE, pipeline, last, REQUEST,
                namespace, pipelineNamespaceSet, List.of(new Selector(Map.of("environment", "dev")),
                        new Selector(Map.of("region", "eu"))), "hash-1");
    }

    @Test
    void resourceConfigureJobFollowsTheContractFieldByField() {
        Job job = PipelineJobs.render(requestRun(FIRST, false, "team-a", false), SETTINGS).job();

        assertThat(job.getMetadata().getName()).matches("kratix-database-orders-instance-[0-9a-f]{5}");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("team-a");
        Map<String, String> labels = Map.of("kratix.io/promise-name", "database", "kratix.io/workflow-type", "resource",
                "kratix.io/workflow-action", "configure", "kratix.io/pipeline-name", "instance",
                "app.kubernetes.io/managed-by", "Kratix", "kratix.io/hash", "hash-1", "kratix.io/resource-name", "orders",
                "team", "data");
        assertThat(job.getMetadata().getLabels()).isEqualTo(labels);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);
        assertThat(job.getMetadata().getAnnotations()).isEqualTo(Map.of("kratix.io/job-resource-namespace", "team-a",
                "kratix.io/job-resource-name", "orders", "kratix.io/job-resource-kind", "Database",
                "kratix.io/job-resource-api-version", "db.pledge.dev/v1"));
        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations()).isEqualTo(Map.of("pledge.dev/note", "hello"));
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Database");
            assertThat(o.getName()).isEqualTo("orders");
            assertThat(o.getUid()).isEqualTo("uid-orders");
            assertThat(o.getController()).isNull();
        });
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("OnFailure");
        assertThat(pod.getServiceAccountName()).isEqualTo("database-resource-configure-instance");
        assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("adapter-pull", "user-pull");
        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "linux"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(pod.getVolumes()).extracting(Volume::getName)
                .containsExactly("shared-input", "shared-output", "shared-metadata", "promise-scheduling", "extra");
        assertThat(pod.getVolumes().get(3).getConfigMap().getName()).isEqualTo("destination-selectors-database");
        assertThat(pod.getVolumes().get(3).getConfigMap().getItems()).singleElement()
                .satisfies(i -> assertThat(i.getPath()).isEqualTo("promise-scheduling"));

        assertThat(pod.getInitContainers()).extracting(Container::getName)
                .containsExactly("reader", "render", "lint", "work-writer");
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("status-writer");

        Container reader = pod.getInitContainers().get(0);
        assertThat(reader.getImage()).isEqualTo("registry.example/pledge:1.0");
        assertThat(reader.getCommand()).containsExactly("/pledge");
        assertThat(reader.getArgs()).containsExactly("reader");
        assertThat(mounts(reader)).containsExactly("shared-input:/kratix/input", "shared-output:/kratix/output");

        Container render = pod.getInitContainers().get(1);
        assertThat(render.getImage()).isEqualTo("example.org/render:v1");
        assertThat(render.getCommand()).containsExactly("render");
        assertThat(render.getArgs()).containsExactly("--fast");
        assertThat(env(render)).containsExactly(
                "KRATIX_WORKFLOW_ACTION=configure", "KRATIX_WORKFLOW_TYPE=resource", "KRATIX_PROMISE_NAME=database",
                "KRATIX_PIPELINE_NAME=instance", "KRATIX_OBJECT_KIND=Database", "KRATIX_OBJECT_GROUP=db.pledge.dev",
                "KRATIX_OBJECT_VERSION=v1", "KRATIX_OBJECT_NAME=orders", "KRATIX_OBJECT_NAMESPACE=team-a",
                "KRATIX_CRD_PLURAL=databases", "KRATIX_CLUSTER_SCOPED=false", "MODE=strict");
        assertThat(mounts(render)).containsExactly("shared-input:/kratix/input", "shared-output:/kratix/output",
                "shared-metadata:/kratix/metadata", "extra:/extra");
        assertThat(render.getVolumeMounts().get(0).getReadOnly()).isTrue();
        assertThat(render.getResources().getRequests()).containsEntry("cpu", new Quantity("100m"))
                .containsEntry("memory", new Quantity("128Mi")).containsEntry("ephemeral-storage", new Quantity("128Mi"));
        assertThat(render.getResources().getLimits()).containsEntry("cpu", new Quantity("200m"))
                .containsEntry("memory", new Quantity("256Mi")).containsEntry("ephemeral-storage", new Quantity("256Mi"));
        assertThat(pod.getInitContainers().get(2).getImagePullPolicy()).isEqualTo("Always");

        Container workWriter = pod.getInitContainers().get(3);
        assertThat(workWriter.getArgs()).containsExactly("work-creator", "--input-directory", "/work-creator-files",
                "--promise-name", "database", "--pipeline-name", "instance", "--namespace", "team-a",
                "--workflow-type", "resource", "--resource-name", "orders");
        assertThat(mounts(workWriter)).containsExactly("shared-output:/work-creator-files/input",
                "shared-metadata:/work-creator-files/metadata", "promise-scheduling:/work-creator-files/kratix-system");

        Container statusWriter = pod.getContainers().get(0);
        assertThat(statusWriter.getArgs()).containsExactly("update-status");
        assertThat(env(statusWriter)).first().isEqualTo("IS_LAST_PIPELINE=false");
        assertThat(mounts(statusWriter)).containsExactly("shared-metadata:/work-creator-files/metadata");
        for (Container adapter : List.of(reader, workWriter, statusWriter)) {
            var security = adapter.getSecurityContext();
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getRunAsNonRoot()).isTrue();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        }
    }

    @Test
    void theLastPipelineTellsTheStatusWriterSo() {
        Job job = PipelineJobs.render(requestRun(SECOND, true, "team-a", false), SETTINGS).job();

        assertThat(env(job.getSpec().getTemplate().getSpec().getContainers().get(0))).first().isEqualTo("IS_LAST_PIPELINE=true");
        assertThat(job.getSpec().getBackoffLimit()).isNull();
    }

    @Test
    void schedulingConfigMapListsThePromiseSelectorsUnsquashed() {
        PipelineResources resources = PipelineJobs.render(requestRun(FIRST, false, "team-a", false), SETTINGS);

        assertThat(resources.schedulingConfigMap().getMetadata().getName()).isEqualTo("destination-selectors-database");
        List<Object> entries = Yaml.mapper().convertValue(
                Yaml.documents(resources.schedulingConfigMap().getData().get("destinationSelectors")).get(0),
                new com.fasterxml.jackson.core.type.TypeReference<List<Object>>() { });
        assertThat(entries).containsExactly(Map.of("matchLabels", Map.of("environment", "dev"), "source", "promise"),
                Map.of("matchLabels", Map.of("region", "eu"), "source", "promise"));
    }

    @Test
    void aPipelineNamespaceElsewhereNamesTheRequestNamespaceAndGrantsAccessToIt() {
        PipelineResources resources = PipelineJobs.render(requestRun(FIRST, false, "pipelines", true), SETTINGS);
        Job job = resources.job();

        assertThat(job.getMetadata().getName()).matches("kratix-database-orders-team-a-instance-[0-9a-f]{5}");
        assertThat(job.getMetadata().getLabels()).containsEntry("kratix.io/resource-namespace", "team-a");
        assertThat(job.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(job.getSpec().getTemplate().getSpec().getInitContainers().get(3).getArgs())
                .endsWith("--resource-name", "orders", "--resource-namespace", "team-a");
        assertThat(resources.rbac()).filteredOn(o -> o instanceof ClusterRole)
                .extracting(o -> o.getMetadata().getName()).contains("database-resource-configure-instance-team-a");
    }

    @Test
    void requestPipelinesMayReadTheirRequestAndWriteWorks() {
        List<HasMetadata> rbac = PipelineJobs.render(requestRun(FIRST, false, "team-a", false), SETTINGS).rbac();

        Role role = (Role) rbac.stream().filter(o -> o instanceof Role
                && o.getMetadata().getName().equals("database-resource-configure-instance")).findFirst().orElseThrow();
        assertThat(role.getRules().get(0).getApiGroups()).containsExactly("db.pledge.dev");
        assertThat(role.getRules().get(0).getResources()).containsExactly("databases", "databases/status");
        assertThat(role.getRules().get(1).getResources()).containsExactly("works");
        assertThat(role.getRules().get(1).getVerbs()).containsExactly("*");
        RoleBinding binding = (RoleBinding) rbac.stream().filter(o -> o instanceof RoleBinding
                && o.getMetadata().getName().equals("database-resource-configure-instance")).findFirst().orElseThrow();
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("database-resource-configure-instance");
            assertThat(s.getNamespace()).isEqualTo("team-a");
        });
    }

    @Test
    void userPermissionsBecomeRolesWhereTheyApply() {
        List<HasMetadata> rbac = PipelineJobs.render(requestRun(FIRST, false, "team-a", false), SETTINGS).rbac();
        String id = "database-resource-configure-instance";

        assertThat(rbac).anySatisfy(o -> {
            assertThat(o).isInstanceOf(Role.class);
            assertThat(o.getMetadata().getName()).isEqualTo(Names.deterministic(id));
            assertThat(((Role) o).getRules().get(0).getResources()).containsExactly("secrets");
        });
        assertThat(rbac).anySatisfy(o -> {
            assertThat(o).isInstanceOf(RoleBinding.class);
            assertThat(o.getMetadata().getNamespace()).isEqualTo("shared");
            assertThat(((RoleBinding) o).getRoleRef().getName()).isEqualTo(Names.deterministic(id + "-shared"));
        });
        assertThat(rbac).anySatisfy(o -> {
            assertThat(o).isInstanceOf(ClusterRoleBinding.class);
            assertThat(((ClusterRoleBinding) o).getRoleRef().getName())
                    .isEqualTo(Names.deterministic(id + "-kratix-all-namespaces"));
            assertThat(o.getMetadata().getLabels()).containsEntry("kratix.io/resource-namespace", "kratix_all_namespaces")
                    .containsEntry("kratix.io/pipeline-namespace", "team-a");
        });
    }

    @Test
    void promiseJobsAreControlledByThePromiseAndSeeAClusterScopedObject() {
        PipelineRun run = new PipelineRun("database", WorkflowType.PROMISE, WorkflowAction.CONFIGURE, SECOND, true,
                ParentObject.promise("database", "uid-p"), "kratix-platform-system", false, List.of(), "hash-p");
        PipelineResources resources = PipelineJobs.render(run, SETTINGS);
        Job job = resources.job();

        assertThat(job.getMetadata().getName()).matches("kratix-database-notify-[0-9a-f]{5}");
        assertThat(job.getMetadata().getLabels()).doesNotContainKey("kratix.io/resource-name");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Promise");
            assertThat(o.getController()).isTrue();
        });
        assertThat(env(job.getSpec().getTemplate().getSpec().getInitContainers().get(1)))
                .contains("KRATIX_OBJECT_NAMESPACE=", "KRATIX_CRD_PLURAL=promises", "KRATIX_CLUSTER_SCOPED=true");
        ClusterRole role = (ClusterRole) resources.rbac().get(0);
        assertThat(role.getRules().get(0).getResources()).containsExactly("promises", "promises/status", "works");
    }

    @Test
    void deleteJobsWriteNoWorkAndNeedNoSchedulingConfigMap() {
        PipelineRun run = new PipelineRun("database", WorkflowType.RESOURCE, WorkflowAction.DELETE, SECOND, true,
                REQUEST, "team-a", false, List.of(), "hash-d");
        PipelineResources resources = PipelineJobs.render(run, SETTINGS);

        assertThat(resources.schedulingConfigMap()).isNull();
        var pod = resources.job().getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("reader", "notify");
        assertThat(pod.getVolumes()).extracting(Volume::getName).doesNotContain("promise-scheduling");
    }

    @Test
    void aPipelineNamingItsOwnServiceAccountGetsNoGeneratedOne() {
        Pipeline own = pipeline("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: own}
                spec:
                  rbac: {serviceAccount: existing}
                  containers: [{name: a, image: a}]
                """);
        PipelineResources resources = PipelineJobs.render(requestRun(own, true, "team-a", false), SETTINGS);

        assertThat(resources.serviceAccount()).isNull();
        assertThat(resources.job().getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("existing");
    }

    @Test
    void longNamesAreCutAndSuffixedAsKratixDoes() {
        String input = "kratix-" + "a".repeat(60) + "-pipeline";
        assertThat(Names.random(input)).hasSize(62).startsWith("kratix-aaa");
        assertThat(Names.deterministic("name-with-dash-")).isEqualTo("name-with-dash-" + dev.pledge.api.Kratix.md5("name-with-dash-").substring(0, 5));
        assertThat(Names.deterministic(input)).isEqualTo(Names.deterministic(input));
    }

    private static List<String> env(Container container) {
        return container.getEnv().stream().map((EnvVar e) -> e.getName() + "=" + (e.getValue() == null ? "" : e.getValue()))
                .toList();
    }

    private static List<String> mounts(Container container) {
        return container.getVolumeMounts().stream().map((VolumeMount m) -> m.getName() + ":" + m.getMountPath()).toList();
    }
}
