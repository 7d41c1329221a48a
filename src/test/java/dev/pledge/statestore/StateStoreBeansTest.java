package dev.pledge.statestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.testing.ControlPlaneResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** In the running application, every writer factory is a bean and the registry finds each by its kind. */
@QuarkusTest
@QuarkusTestResource(ControlPlaneResource.class)
class StateStoreBeansTest {
    @Inject
    StateStoreWriters writers;

    @Test
    void theRegistryFindsAFactoryBeanForEveryKind() {
        assertThat(writers.kinds()).containsExactly("BucketStateStore", "GitStateStore", "LocalDirectory");
    }
}
