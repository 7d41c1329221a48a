package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * Typed view of a {@code platform.kratix.io/v1alpha1 Pipeline} embedded in a Promise's workflows. Pipelines are
 * stored unstructured in the Promise; {@link #from} decodes one and rejects other kinds and unknown fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Not a custom resource, so nothing registers it for the native image; Jackson binds it (and its nested classes,
// which the annotation includes) by reflection.
@RegisterForReflection
public class Pipeline {
    public static final String KIND = "Pipeline";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private String apiVersion;
    private String kind;
    private ObjectMeta metadata;
    private Spec spec;

    /** Decodes one raw pipeline object, or says exactly why it is not a Pipeline. */
    public static Pipeline from(Unstructured pipeline) {
        Map<String, Object> raw = pipeline.asMap();
        Object apiVersion = raw.get("apiVersion");
        Object kind = raw.get("kind");
        if (!Kratix.API_VERSION.equals(apiVersion) || !KIND.equals(kind)) {
            throw new IllegalArgumentException("unsupported pipeline: apiVersion " + apiVersion + ", kind " + kind
                    + " (expected " + Kratix.API_VERSION + " " + KIND + ")");
        }
        try {
            return STRICT.convertValue(raw, Pipeline.class);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
                throw new IllegalArgumentException("pipeline has unknown field \"" + unknown.getPropertyName() + "\"");
            }
            throw new IllegalArgumentException("pipeline cannot be decoded: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The pipeline's name, or "" when it has none. */
    public String name() {
        return metadata == null || metadata.getName() == null ? "" : metadata.getName();
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public ObjectMeta getMetadata() {
        return metadata;
    }

    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    public Spec getSpec() {
        return spec;
    }

    public void setSpec(Spec spec) {
        this.spec = spec;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        private List<Container> containers;
        private List<LocalObjectReference> imagePullSecrets;
        private Map<String, String> nodeSelector;
        private List<Toleration> tolerations;
        private List<Volume> volumes;
        /** OnFailure unless set. */
        private String restartPolicy;
        private JobOptions jobOptions;
        private Rbac rbac;

        public List<Container> getContainers() {
            return containers;
        }

        public void setContainers(List<Container> containers) {
            this.containers = containers;
        }

        public List<LocalObjectReference> getImagePullSecrets() {
            return imagePullSecrets;
        }

        public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
            this.imagePullSecrets = imagePullSecrets;
        }

        public Map<String, String> getNodeSelector() {
            return nodeSelector;
        }

        public void setNodeSelector(Map<String, String> nodeSelector) {
            this.nodeSelector = nodeSelector;
        }

        public List<Toleration> getTolerations() {
            return tolerations;
        }

        public void setTolerations(List<Toleration> tolerations) {
            this.tolerations = tolerations;
        }

        public List<Volume> getVolumes() {
            return volumes;
        }

        public void setVolumes(List<Volume> volumes) {
            this.volumes = volumes;
        }

        public String getRestartPolicy() {
            return restartPolicy;
        }

        public void setRestartPolicy(String restartPolicy) {
            this.restartPolicy = restartPolicy;
        }

        public JobOptions getJobOptions() {
            return jobOptions;
        }

        public void setJobOptions(JobOptions jobOptions) {
            this.jobOptions = jobOptions;
        }

        public Rbac getRbac() {
            return rbac;
        }

        public void setRbac(Rbac rbac) {
            this.rbac = rbac;
        }
    }

    /** The subset of a Kubernetes container that a pipeline step may set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Container {
        private String name;
        private String image;
        private List<String> args;
        private List<String> command;
        private List<EnvVar> env;
        private List<EnvFromSource> envFrom;
        private List<VolumeMount> volumeMounts;
        private String imagePullPolicy;
        private SecurityContext securityContext;
        private ResourceRequirements resources;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getImage() {
            return image;
        }

        public void setImage(String image) {
            this.image = image;
        }

        public List<String> getArgs() {
            return args;
        }

        public void setArgs(List<String> args) {
            this.args = args;
        }

        public List<String> getCommand() {
            return command;
        }

        public void setCommand(List<String> command) {
            this.command = command;
        }

        public List<EnvVar> getEnv() {
            return env;
        }

        public void setEnv(List<EnvVar> env) {
            this.env = env;
        }

        public List<EnvFromSource> getEnvFrom() {
            return envFrom;
        }

        public void setEnvFrom(List<EnvFromSource> envFrom) {
            this.envFrom = envFrom;
        }

        public List<VolumeMount> getVolumeMounts() {
            return volumeMounts;
        }

        public void setVolumeMounts(List<VolumeMount> volumeMounts) {
            this.volumeMounts = volumeMounts;
        }

        public String getImagePullPolicy() {
            return imagePullPolicy;
        }

        public void setImagePullPolicy(String imagePullPolicy) {
            this.imagePullPolicy = imagePullPolicy;
        }

        public SecurityContext getSecurityContext() {
            return securityContext;
        }

        public void setSecurityContext(SecurityContext securityContext) {
            this.securityContext = securityContext;
        }

        public ResourceRequirements getResources() {
            return resources;
        }

        public void setResources(ResourceRequirements resources) {
            this.resources = resources;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class JobOptions {
        private Integer backoffLimit;

        public Integer getBackoffLimit() {
            return backoffLimit;
        }

        public void setBackoffLimit(Integer backoffLimit) {
            this.backoffLimit = backoffLimit;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Rbac {
        /** Use this existing ServiceAccount instead of a generated one. */
        private String serviceAccount;
        private List<Permission> permissions;

        public String getServiceAccount() {
            return serviceAccount;
        }

        public void setServiceAccount(String serviceAccount) {
            this.serviceAccount = serviceAccount;
        }

        public List<Permission> getPermissions() {
            return permissions;
        }

        public void setPermissions(List<Permission> permissions) {
            this.permissions = permissions;
        }
    }

    /** A PolicyRule granted to the pipeline, optionally in another namespace ("*" for all). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Permission {
        private String resourceNamespace;
        private List<String> apiGroups;
        private List<String> resources;
        private List<String> resourceNames;
        private List<String> verbs;
        private List<String> nonResourceURLs;

        public String getResourceNamespace() {
            return resourceNamespace;
        }

        public void setResourceNamespace(String resourceNamespace) {
            this.resourceNamespace = resourceNamespace;
        }

        public List<String> getApiGroups() {
            return apiGroups;
        }

        public void setApiGroups(List<String> apiGroups) {
            this.apiGroups = apiGroups;
        }

        public List<String> getResources() {
            return resources;
        }

        public void setResources(List<String> resources) {
            this.resources = resources;
        }

        public List<String> getResourceNames() {
            return resourceNames;
        }

        public void setResourceNames(List<String> resourceNames) {
            this.resourceNames = resourceNames;
        }

        public List<String> getVerbs() {
            return verbs;
        }

        public void setVerbs(List<String> verbs) {
            this.verbs = verbs;
        }

        @com.fasterxml.jackson.annotation.JsonProperty("nonResourceURLs")
        public List<String> getNonResourceURLs() {
            return nonResourceURLs;
        }

        @com.fasterxml.jackson.annotation.JsonProperty("nonResourceURLs")
        public void setNonResourceURLs(List<String> nonResourceURLs) {
            this.nonResourceURLs = nonResourceURLs;
        }
    }
}
