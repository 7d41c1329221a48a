package dev.pledge.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a @QuarkusTest application at the run's one real control plane. */
public class ControlPlaneResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        ControlPlane.start();
        return Map.of();
    }

    @Override
    public void stop() {
        // the control plane lives for the whole test JVM; ControlPlane stops it at exit
    }
}
