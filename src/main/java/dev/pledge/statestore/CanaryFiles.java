package dev.pledge.statestore;

import dev.pledge.api.DestinationSpec.FilepathMode;
import java.util.List;

/**
 * The two files written for a new Destination (kratix-reference §3.8.3): a Namespace and a ConfigMap whose
 * appearance on the cluster proves its GitOps agent reads the state store.
 */
public final class CanaryFiles {

    /** The pseudo-placement name commits of canary files carry. */
    public static final String PLACEMENT_NAME = "kratix-canary";
    public static final String NAMESPACE_FILE = "kratix-canary-namespace.yaml";
    public static final String CONFIGMAP_FILE = "kratix-canary-configmap.yaml";

    static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: kratix-worker-system
            """;
    static final String CONFIGMAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: kratix-info
              namespace: kratix-worker-system
            data:
              canary: this confirms your infrastructure is reading from Kratix state stores
            """;

    private CanaryFiles() {
    }

    public static List<DestinationFile> forDestination(DestinationDirectory destination) {
        boolean nested = destination.mode() == FilepathMode.nestedByMetadata;
        return List.of(
                new DestinationFile(destination, StoreFile.text(nested ? "dependencies/" + NAMESPACE_FILE
                        : NAMESPACE_FILE, NAMESPACE)),
                new DestinationFile(destination, StoreFile.text(nested ? "resources/" + CONFIGMAP_FILE
                        : CONFIGMAP_FILE, CONFIGMAP)));
    }
}
