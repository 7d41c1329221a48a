package dev.pledge.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a @QuarkusTest application at the run's one real control plane, with the Kratix CRDs installed and the
 * system namespace present, as an installed Pledge would find them.
 */
public class ControlPlaneResource implements QuarkusTestResourceLifecycleManager {
    public static final String SYSTEM_NAMESPACE = "kratix-platform-system";

    @Override
    public Map<String, String> start() {
        var client = KratixCrds.installed();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SYSTEM_NAMESPACE).endMetadata()
                .build()).serverSideApply();
        return Map.of();
    }

    @Override
    public void stop() {
        // the control plane lives for the whole test JVM; ControlPlane stops it at exit
    }
}
