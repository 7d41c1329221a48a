package dev.pledge.testing;

import dev.pledge.api.GitStateStore;
import dev.pledge.api.GitStateStoreSpec;
import dev.pledge.api.SecretRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;

/** GitStateStores on the tests' Git smart-HTTP server, as a platform team would register them. */
public final class GitStores {
    private GitStores() {
    }

    /**
     * A new repository on {@link GitHttpServer}, a Secret {@code <name>-git} in {@code default} with its basic-auth
     * credentials, and a GitStateStore {@code name} naming both.
     *
     * @return the bare repository, to read what Pledge pushed
     */
    public static Path onTheHttpServer(KubernetesClient client, String name) {
        String url = GitHttpServer.get().newRepository(name);
        client.resource(new SecretBuilder().withNewMetadata().withName(name + "-git").withNamespace("default")
                .endMetadata().withStringData(Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD))
                .build()).serverSideApply();
        client.resource(store(name, url, name + "-git")).create();
        return GitHttpServer.get().repository(url);
    }

    /** A GitStateStore for {@code url} whose credentials are the Secret {@code secret} in {@code default}. */
    public static GitStateStore store(String name, String url, String secret) {
        GitStateStore store = new GitStateStore();
        store.setMetadata(new ObjectMetaBuilder().withName(name).build());
        GitStateStoreSpec spec = new GitStateStoreSpec();
        spec.setUrl(url);
        // the test server speaks plain HTTP on localhost; basicAuth over http:// needs the store to say so
        spec.setInsecure(true);
        spec.setSecretRef(new SecretRef(secret, "default"));
        store.setSpec(spec);
        return store;
    }
}
