package dev.pledge.workflow;

import dev.pledge.api.KratixEnv;
import dev.pledge.api.SelectorSources;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Pipeline;
import dev.pledge.api.Selector;
import dev.pledge.api.WorkflowAction;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a pipeline into the Kubernetes objects that run it, following Kratix's Job contract so that existing
 * pipeline images work unchanged: {@code reader}, the user's containers and {@code work-writer} as init
 * containers in that order, {@code status-writer} as the main container, and the {@code /kratix} volumes.
 */
public final class PipelineJobs {
    public static final String INPUT = "shared-input";
    public static final String OUTPUT = "shared-output";
    public static final String METADATA = "shared-metadata";
    public static final String SCHEDULING = "promise-scheduling";

    private PipelineJobs() {
    }

    public static String schedulingConfigMapName(String promise) {
        return "destination-selectors-" + promise;
    }

    public static PipelineResources render(PipelineRun run, AdapterSettings settings) {
        Pipeline.Spec spec = run.pipeline().getSpec();
        String userServiceAccount = spec.getRbac() == null ? null : spec.getRbac().getServiceAccount();
        String serviceAccount = userServiceAccount != null && !userServiceAccount.isBlank() ? userServiceAccount : run.id();
        ServiceAccount sa = userServiceAccount != null && !userServiceAccount.isBlank() ? null
                : new ServiceAccountBuilder().withNewMetadata().withName(serviceAccount).withNamespace(run.namespace())
                        .addToLabels(KratixLabels.PROMISE_NAME, run.promiseName()).endMetadata().build();
        ConfigMap scheduling = run.action() == WorkflowAction.CONFIGURE ? schedulingConfigMap(run) : null;
        return new PipelineResources(sa, scheduling, PipelineRbac.objects(run, serviceAccount),
                job(run, settings, serviceAccount));
    }

    static ConfigMap schedulingConfigMap(PipelineRun run) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Selector selector : run.promiseSelectors() == null ? List.<Selector>of() : run.promiseSelectors()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("matchLabels", selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
            entry.put("source", SelectorSources.PROMISE);
            entries.add(entry);
        }
        if (!run.promiseWorkflowSelectors().isEmpty()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("matchLabels", run.promiseWorkflowSelectors());
            entry.put("source", SelectorSources.PROMISE_WORKFLOW);
            entries.add(entry);
        }
        return new ConfigMapBuilder().withNewMetadata().withName(schedulingConfigMapName(run.promiseName()))
                .withNamespace(run.namespace()).addToLabels(KratixLabels.PROMISE_NAME, run.promiseName()).endMetadata()
                .addToData("destinationSelectors", entries.isEmpty() ? "[]\n" : Yaml.write(entries))
                .build();
    }

    static Job job(PipelineRun run, AdapterSettings settings, String serviceAccount) {
        Pipeline pipeline = run.pipeline();
        Pipeline.Spec spec = pipeline.getSpec();
        Map<String, String> labels = labels(run);
        Map<String, String> podAnnotations = pipeline.getMetadata().getAnnotations() == null ? Map.of()
                : pipeline.getMetadata().getAnnotations();

        List<Container> initContainers = new ArrayList<>();
        initContainers.add(reader(run, settings));
        for (Pipeline.Container container : spec.getContainers()) {
            initContainers.add(userContainer(run, container, settings));
        }
        if (run.action() == WorkflowAction.CONFIGURE) {
            initContainers.add(workWriter(run, settings));
        }
        List<LocalObjectReference> pullSecrets = new ArrayList<>();
        if (settings.pullSecret() != null && !settings.pullSecret().isBlank()) {
            pullSecrets.add(new LocalObjectReference(settings.pullSecret()));
        }
        if (spec.getImagePullSecrets() != null) {
            pullSecrets.addAll(spec.getImagePullSecrets());
        }
        Integer backoffLimit = spec.getJobOptions() != null && spec.getJobOptions().getBackoffLimit() != null
                ? spec.getJobOptions().getBackoffLimit() : settings.defaultBackoffLimit();

        return new JobBuilder()
                .withNewMetadata()
                .withName(Names.random(jobNameInput(run)))
                .withNamespace(run.namespace())
                .withLabels(labels)
                .withAnnotations(jobAnnotations(run))
                .withOwnerReferences(owner(run))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(backoffLimit)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).withAnnotations(podAnnotations).endMetadata()
                .withNewSpec()
                .withRestartPolicy(spec.getRestartPolicy() == null ? "OnFailure" : spec.getRestartPolicy())
                .withServiceAccountName(serviceAccount)
                .withImagePullSecrets(pullSecrets)
                .withNodeSelector(spec.getNodeSelector())
                .withTolerations(spec.getTolerations())
                .withVolumes(volumes(run, spec))
                .withInitContainers(initContainers)
                .withContainers(statusWriter(run, settings))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static String jobNameInput(PipelineRun run) {
        StringBuilder name = new StringBuilder("kratix-").append(run.promiseName());
        if (run.isResource()) {
            name.append('-').append(run.parent().name());
            if (run.namesResourceNamespace()) {
                name.append('-').append(run.parent().namespace());
            }
        }
        return name.append('-').append(run.pipeline().name()).toString();
    }

    static Map<String, String> labels(PipelineRun run) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KratixLabels.PROMISE_NAME, run.promiseName());
        labels.put(KratixLabels.WORKFLOW_TYPE, run.type().value());
        labels.put(KratixLabels.WORKFLOW_ACTION, run.action().value());
        labels.put(KratixLabels.PIPELINE_NAME, run.pipeline().name());
        labels.put(KratixLabels.MANAGED_BY, KratixLabels.MANAGED_BY_KRATIX);
        labels.put(KratixLabels.HASH, run.hash());
        if (run.isResource()) {
            labels.put(KratixLabels.RESOURCE_NAME, run.parent().name());
            if (run.namesResourceNamespace()) {
                labels.put(KratixLabels.RESOURCE_NAMESPACE, run.parent().namespace());
            }
        }
        if (run.pipeline().getMetadata().getLabels() != null) {
            labels.putAll(run.pipeline().getMetadata().getLabels());
        }
        return labels;
    }

    static Map<String, String> jobAnnotations(PipelineRun run) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(KratixLabels.JOB_RESOURCE_NAMESPACE, run.parent().namespace());
        annotations.put(KratixLabels.JOB_RESOURCE_NAME, run.parent().name());
        annotations.put(KratixLabels.JOB_RESOURCE_KIND, run.parent().kind());
        annotations.put(KratixLabels.JOB_RESOURCE_API_VERSION, run.parent().apiVersion());
        return annotations;
    }

    /** Promise Jobs are controlled by their Promise; request Jobs are owned by the request when beside it. */
    static List<OwnerReference> owner(PipelineRun run) {
        ParentObject parent = run.parent();
        if (!run.isResource()) {
            return List.of(new OwnerReferenceBuilder().withApiVersion(parent.apiVersion()).withKind(parent.kind())
                    .withName(parent.name()).withUid(parent.uid()).withController(true).withBlockOwnerDeletion(true)
                    .build());
        }
        if (parent.namespace().equals(run.namespace())) {
            return List.of(new OwnerReferenceBuilder().withApiVersion(parent.apiVersion()).withKind(parent.kind())
                    .withName(parent.name()).withUid(parent.uid()).build());
        }
        return List.of();
    }

    static List<Volume> volumes(PipelineRun run, Pipeline.Spec spec) {
        List<Volume> volumes = new ArrayList<>();
        for (String name : List.of(INPUT, OUTPUT, METADATA)) {
            volumes.add(new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build());
        }
        if (run.action() == WorkflowAction.CONFIGURE) {
            volumes.add(new VolumeBuilder().withName(SCHEDULING).withNewConfigMap()
                    .withName(schedulingConfigMapName(run.promiseName()))
                    .addNewItem().withKey("destinationSelectors").withPath("promise-scheduling").endItem()
                    .endConfigMap().build());
        }
        if (spec.getVolumes() != null) {
            volumes.addAll(spec.getVolumes());
        }
        return volumes;
    }

    static List<EnvVar> kratixEnv(PipelineRun run) {
        ParentObject parent = run.parent();
        List<EnvVar> env = new ArrayList<>();
        env.add(env(KratixEnv.WORKFLOW_ACTION, run.action().value()));
        env.add(env(KratixEnv.WORKFLOW_TYPE, run.type().value()));
        env.add(env(KratixEnv.PROMISE_NAME, run.promiseName()));
        env.add(env(KratixEnv.PIPELINE_NAME, run.pipeline().name()));
        env.add(env(KratixEnv.OBJECT_KIND, parent.kind()));
        env.add(env(KratixEnv.OBJECT_GROUP, parent.group()));
        env.add(env(KratixEnv.OBJECT_VERSION, parent.version()));
        env.add(env(KratixEnv.OBJECT_NAME, parent.name()));
        env.add(env(KratixEnv.OBJECT_NAMESPACE, parent.namespace()));
        env.add(env(KratixEnv.CRD_PLURAL, parent.plural()));
        env.add(env(KratixEnv.CLUSTER_SCOPED, Boolean.toString(parent.clusterScoped())));
        return env;
    }

    static Container reader(PipelineRun run, AdapterSettings settings) {
        return adapterContainer("reader", settings, List.of("reader"))
                .withEnv(kratixEnv(run))
                .withVolumeMounts(mount(INPUT, "/kratix/input", false), mount(OUTPUT, "/kratix/output", false))
                .build();
    }

    static Container userContainer(PipelineRun run, Pipeline.Container container, AdapterSettings settings) {
        List<EnvVar> env = kratixEnv(run);
        if (container.getEnv() != null) {
            env.addAll(container.getEnv());
        }
        List<VolumeMount> mounts = new ArrayList<>(List.of(mount(INPUT, "/kratix/input", true),
                mount(OUTPUT, "/kratix/output", false), mount(METADATA, "/kratix/metadata", false)));
        if (container.getVolumeMounts() != null) {
            mounts.addAll(container.getVolumeMounts());
        }
        return new ContainerBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withCommand(container.getCommand())
                .withArgs(container.getArgs())
                .withEnv(env)
                .withEnvFrom(container.getEnvFrom())
                .withVolumeMounts(mounts)
                .withImagePullPolicy(container.getImagePullPolicy() != null ? container.getImagePullPolicy()
                        : settings.defaultImagePullPolicy())
                .withSecurityContext(container.getSecurityContext() != null ? container.getSecurityContext()
                        : settings.defaultSecurityContext())
                .withResources(container.getResources() != null ? container.getResources() : resources(settings))
                .build();
    }

    static Container workWriter(PipelineRun run, AdapterSettings settings) {
        List<String> args = new ArrayList<>(List.of("work-creator", "--input-directory", "/work-creator-files",
                "--promise-name", run.promiseName(), "--pipeline-name", run.pipeline().name(),
                "--namespace", run.namespace(), "--workflow-type", run.type().value()));
        if (run.isResource()) {
            args.addAll(List.of("--resource-name", run.parent().name()));
            if (run.namesResourceNamespace()) {
                args.addAll(List.of("--resource-namespace", run.parent().namespace()));
            }
        }
        return adapterContainer("work-writer", settings, args)
                .withEnv(kratixEnv(run))
                .withVolumeMounts(mount(OUTPUT, "/work-creator-files/input", false),
                        mount(METADATA, "/work-creator-files/metadata", false),
                        mount(SCHEDULING, "/work-creator-files/kratix-system", false))
                .build();
    }

    static Container statusWriter(PipelineRun run, AdapterSettings settings) {
        List<EnvVar> env = new ArrayList<>();
        env.add(env(KratixEnv.IS_LAST_PIPELINE, Boolean.toString(run.lastPipeline())));
        env.addAll(kratixEnv(run));
        return adapterContainer("status-writer", settings, List.of("update-status"))
                .withEnv(env)
                .withVolumeMounts(mount(METADATA, "/work-creator-files/metadata", false))
                .build();
    }

    private static ContainerBuilder adapterContainer(String name, AdapterSettings settings, List<String> args) {
        return new ContainerBuilder().withName(name).withImage(settings.image()).withCommand(settings.command())
                .withArgs(args).withSecurityContext(restricted()).withResources(resources(settings));
    }

    /** The security context Kratix's own containers run with. */
    static SecurityContext restricted() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                .withCapabilities(new Capabilities(null, List.of("ALL"))).withRunAsNonRoot(true)
                .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault")).build();
    }

    static ResourceRequirements resources(AdapterSettings settings) {
        if (settings.defaultResources() != null) {
            return settings.defaultResources();
        }
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
                .addToRequests("ephemeral-storage", new Quantity("128Mi"))
                .addToLimits("cpu", new Quantity("200m")).addToLimits("memory", new Quantity("256Mi"))
                .addToLimits("ephemeral-storage", new Quantity("256Mi"))
                .build();
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly ? true : null).build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

}
