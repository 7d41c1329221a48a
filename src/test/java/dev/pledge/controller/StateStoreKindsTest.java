package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pledge.api.BucketStateStore;
import dev.pledge.api.BucketStateStoreSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.api.GitStateStoreSpec;
import dev.pledge.api.SecretRef;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreWriters;
import dev.pledge.statestore.git.GitWriterFactory;
import dev.pledge.statestore.local.LocalDirectoryWriterFactory;
import dev.pledge.statestore.s3.BucketWriterFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Destination's store is found by its kind: the kind names the custom resource to read and the writer bean to
 * open, with no kind special-cased; a writer kind that is no cluster kind (LocalDirectory) cannot be named.
 */
class StateStoreKindsTest {
    private final StateStoreWriters writers = new StateStoreWriters(List.of(new GitWriterFactory(),
            new BucketWriterFactory(), new LocalDirectoryWriterFactory()));
    private final Map<String, HasMetadata> stores = new java.util.HashMap<>();
    private final Map<String, Secret> secrets = new java.util.HashMap<>();
    private final StateStores.Lookup lookup = new StateStores.Lookup() {
        @Override
        public <S extends HasMetadata> S store(Class<S> kind, String name) {
            HasMetadata found = stores.get(kind.getSimpleName() + "/" + name);
            return found == null ? null : kind.cast(found);
        }

        @Override
        public Secret secret(String namespace, String name) {
            return secrets.get(namespace + "/" + name);
        }
    };

    @AfterEach
    void close() {
        writers.close();
    }

    @Test
    void eachClusterKindIsReadAsItsOwnCustomResourceWithItsSecret() throws Exception {
        BucketStateStore bucket = new BucketStateStore();
        bucket.setMetadata(new ObjectMetaBuilder().withName("minio").withGeneration(3L).build());
        BucketStateStoreSpec bucketSpec = new BucketStateStoreSpec();
        bucketSpec.setSecretRef(new SecretRef("minio-creds", "platform"));
        bucket.setSpec(bucketSpec);
        stores.put("BucketStateStore/minio", bucket);
        secrets.put("platform/minio-creds", new SecretBuilder().withNewMetadata().withResourceVersion("7")
                .endMetadata().withStringData(Map.of("accessKeyID", "AK")).build());
        GitStateStore git = new GitStateStore();
        git.setMetadata(new ObjectMetaBuilder().withName("minio").withGeneration(1L).build());
        git.setSpec(new GitStateStoreSpec());
        stores.put("GitStateStore/minio", git);

        StateStoreDefinition ofBucket = StateStores.definition("BucketStateStore", "minio", lookup);
        StateStoreDefinition ofGit = StateStores.definition("GitStateStore", "minio", lookup);

        assertThat(ofBucket.spec()).isSameAs(bucketSpec);
        assertThat(ofBucket.secret().value("accessKeyID")).contains("AK");
        assertThat(ofBucket.revision()).isEqualTo("3/7");
        assertThat(ofGit.spec()).isInstanceOf(GitStateStoreSpec.class);
        assertThat(ofGit.secret().value("accessKeyID")).isEmpty();
    }

    @Test
    void aWriterKindThatIsNoClusterKindCannotBeNamedByADestination() {
        assertThat(writers.kinds()).contains(LocalDirectoryWriterFactory.KIND);

        assertThatThrownBy(() -> StateStores.definition(LocalDirectoryWriterFactory.KIND, "disk", lookup))
                .isInstanceOfSatisfying(StateStores.Unavailable.class,
                        e -> assertThat(e.reason()).isEqualTo("StateStoreNotFound"))
                .hasMessage("LocalDirectory/disk: not a kind of state store a Destination can name; the kinds are"
                        + " [BucketStateStore, GitStateStore]");
    }

    @Test
    void aMissingSecretIsNamedWithItsNamespace() {
        GitStateStore git = new GitStateStore();
        git.setMetadata(new ObjectMetaBuilder().withName("repo").withGeneration(1L).build());
        GitStateStoreSpec spec = new GitStateStoreSpec();
        spec.setSecretRef(new SecretRef("gone", null));
        git.setSpec(spec);
        stores.put("GitStateStore/repo", git);

        assertThatThrownBy(() -> StateStores.definition("GitStateStore", "repo", lookup))
                .isInstanceOfSatisfying(StateStores.Unavailable.class,
                        e -> assertThat(e.reason()).isEqualTo("SecretNotFound"))
                .hasMessage("Secret gone not found in namespace default");
    }

    @Test
    void everyClusterKindNeedsAWriterBean() {
        StateStoreWriters gitOnly = new StateStoreWriters(List.of(new GitWriterFactory()));
        try {
            assertThatThrownBy(() -> new StateStores(null, gitOnly))
                    .hasMessage("no writer bean for state store kind(s) [BucketStateStore]");
        } finally {
            gitOnly.close();
        }
    }
}
