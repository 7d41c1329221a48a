package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DestinationSpec {

    /**
     * The kinds of state store a Destination can name, each with its custom resource. The one list of cluster
     * kinds: a writer bean of the same name ({@code StateStoreWriterFactory#kind}) writes each; a writer kind not
     * listed here (LocalDirectory) is not a cluster kind and no Destination can reach it.
     */
    public enum StateStoreKind {
        BucketStateStore(dev.pledge.api.BucketStateStore.class),
        GitStateStore(dev.pledge.api.GitStateStore.class);

        private final Class<? extends io.fabric8.kubernetes.client.CustomResource<?, StateStoreStatus>> resource;

        StateStoreKind(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, StateStoreStatus>> resource) {
            this.resource = resource;
        }

        /** The custom resource class, which implements {@link StateStoreResource}. */
        public Class<? extends io.fabric8.kubernetes.client.CustomResource<?, StateStoreStatus>> resource() {
            return resource;
        }

        /** The kind spelled {@code name}, as in {@code stateStoreRef.kind}; empty for any other name. */
        public static java.util.Optional<StateStoreKind> named(String name) {
            return java.util.Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
        }
    }

    public enum FilepathMode { nestedByMetadata, aggregatedYAML, none }

    public enum Cleanup { none, all }

    /** Directory of this Destination inside its state store; "." or "/" mean the store's root. */
    @JsonPropertyDescription("Directory for this Destination inside its state store (under the store's own path). '.' or '/' is the store's root.")
    @Required
    private String path;
    @JsonPropertyDescription("The state store this Destination's documents are written to.")
    @Required
    private StateStoreRef stateStoreRef;
    @JsonPropertyDescription("When true, work that comes without any selector is not placed here (unless this Destination has no labels); work with selectors matches as usual.")
    @Default("false")
    private Boolean strictMatchLabels;
    @JsonPropertyDescription("How documents are laid out in files.")
    private Filepath filepath;
    @JsonPropertyDescription("What happens to written files when the Destination is deleted: none keeps them, all removes them.")
    @Default("none")
    private Cleanup cleanup;
    @JsonPropertyDescription("Whether test documents are written when the Destination is registered.")
    @Default("{}")
    private InitWorkloads initWorkloads;

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public StateStoreRef getStateStoreRef() {
        return stateStoreRef;
    }

    public void setStateStoreRef(StateStoreRef stateStoreRef) {
        this.stateStoreRef = stateStoreRef;
    }

    public Boolean getStrictMatchLabels() {
        return strictMatchLabels;
    }

    public void setStrictMatchLabels(Boolean strictMatchLabels) {
        this.strictMatchLabels = strictMatchLabels;
    }

    public Filepath getFilepath() {
        return filepath;
    }

    public void setFilepath(Filepath filepath) {
        this.filepath = filepath;
    }

    public Cleanup getCleanup() {
        return cleanup;
    }

    public void setCleanup(Cleanup cleanup) {
        this.cleanup = cleanup;
    }

    public InitWorkloads getInitWorkloads() {
        return initWorkloads;
    }

    public void setInitWorkloads(InitWorkloads initWorkloads) {
        this.initWorkloads = initWorkloads;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class StateStoreRef {
        @JsonPropertyDescription("GitStateStore or BucketStateStore.")
        @Required
        private StateStoreKind kind;
        @JsonPropertyDescription("Name of the state store.")
        @Required
        private String name;

        public StateStoreRef() {
        }

        public StateStoreRef(StateStoreKind kind, String name) {
            this.kind = kind;
            this.name = name;
        }

        public StateStoreKind getKind() {
            return kind;
        }

        public void setKind(StateStoreKind kind) {
            this.kind = kind;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Filepath {
        @JsonPropertyDescription("nestedByMetadata writes a directory tree per Promise and request, aggregatedYAML writes all documents into one file, none writes files as the workflow named them. Cannot change after creation.")
        @Default("nestedByMetadata")
        @ValidationRule(value = "self == oldSelf", message = "filepath.mode is immutable")
        private FilepathMode mode;
        /** File name used by the aggregatedYAML mode; aggregated.yaml when unset. */
        @JsonPropertyDescription("Name of the single file in aggregatedYAML mode; aggregated.yaml when unset.")
        private String filename;

        public FilepathMode getMode() {
            return mode;
        }

        public void setMode(FilepathMode mode) {
            this.mode = mode;
        }

        public String getFilename() {
            return filename;
        }

        public void setFilename(String filename) {
            this.filename = filename;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class InitWorkloads {
        @JsonPropertyDescription("Write the test documents that show the Destination can be written to.")
        @Default("true")
        private Boolean enabled;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }
    }
}
