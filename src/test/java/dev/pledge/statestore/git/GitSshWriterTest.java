package dev.pledge.statestore.git;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pledge.api.GitStateStoreSpec;
import dev.pledge.statestore.DestinationDirectory;
import dev.pledge.statestore.RetryPolicy;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriterContract;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.CapturedLogs;
import dev.pledge.testing.GitSshServer;
import java.time.Duration;
import java.util.Map;
import dev.pledge.testing.GitSshServer.ClientKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Git writer over SSH against a real sshd-git server: the Secret's key authenticates and the server's host
 * key must be in the Secret's knownHosts.
 */
class GitSshWriterTest extends StateStoreWriterContract {
    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50), 20);
    private static final DestinationDirectory DEV = DestinationDirectory.nested("dev", "dev");

    private final GitSshServer server = GitSshServer.get();
    private String url;

    @Override
    protected StateStoreWriter openWriter(String storePath) throws Exception {
        url = server.newRepository("ssh-" + System.nanoTime());
        return open(url, storePath, secret(server.clientPrivateKey(), server.knownHosts()));
    }

    @Override
    protected Map<String, String> storeFiles() {
        return BareRepositories.files(server.repository(url), "main");
    }

    private static SecretData secret(String key, String knownHosts) {
        return SecretData.of("flux-system/git-ssh", Map.of("sshPrivateKey", key, "knownHosts", knownHosts));
    }

    private static StateStoreWriter open(String url, String path, SecretData secret) throws StateStoreException {
        GitStateStoreSpec spec = new GitStateStoreSpec();
        spec.setUrl(url);
        spec.setPath(path);
        spec.setAuthMethod(GitStateStoreSpec.AuthMethod.ssh);
        return new GitWriterFactory(FAST).open(new StateStoreDefinition(GitWriterFactory.KIND, "git-ssh", "1",
                spec, secret));
    }

    @ParameterizedTest
    @EnumSource(ClientKey.class)
    void everyCommonKindOfPrivateKeyAuthenticatesAndWrites(ClientKey kind) throws Exception {
        assertThat(server.clientPrivateKey(kind)).startsWith(kind == ClientKey.ECDSA_PEM
                ? "-----BEGIN EC PRIVATE KEY-----" : "-----BEGIN OPENSSH PRIVATE KEY-----");
        try (StateStoreWriter writer = open(url, "", secret(server.clientPrivateKey(kind), server.knownHosts()))) {
            writer.checkPermissions();
            writer.apply(batch(resource(DEV, "a", "a", file("a.yaml", "kind: " + kind))));
        }
        assertThat(storeFiles()).containsValue("kind: " + kind);
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAClearErrorThatNeverShowsTheKey() throws Exception {
        String otherKey = GitSshServer.newKeyPair()[0];
        try (CapturedLogs logs = new CapturedLogs();
                StateStoreWriter denied = open(url, "", secret(otherKey, server.knownHosts()))) {
            assertThatThrownBy(() -> denied.apply(batch(resource(DEV, "a", "a", file("a.yaml", "a")))))
                    .isInstanceOfSatisfying(StateStoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
                        assertThat(e.getMessage()).doesNotContain("\n")
                                .contains("refused the SSH key in key 'sshPrivateKey' of Secret flux-system/git-ssh");
                        assertKeyAbsent(GitHttpWriterTest.fullText(e), otherKey);
                    });
            assertKeyAbsent(logs.text(), otherKey);
        }
        assertThat(storeFiles()).isEmpty();
    }

    @Test
    void aHostKeyMissingFromKnownHostsIsRefused() throws Exception {
        String unrelated = "[127.0.0.1]:1 " + server.knownHosts().split(" ", 2)[1];
        try (StateStoreWriter wary = open(url, "", secret(server.clientPrivateKey(), unrelated))) {
            assertThatThrownBy(() -> wary.apply(batch(resource(DEV, "a", "a", file("a.yaml", "a")))))
                    .isInstanceOfSatisfying(StateStoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
                        assertThat(e.getMessage()).contains("is not in key 'knownHosts' of Secret flux-system/git-ssh");
                    });
        }
        assertThat(storeFiles()).isEmpty();
    }

    @Test
    void aHostKeyThatDiffersFromKnownHostsIsRefused() throws Exception {
        try (StateStoreWriter wary = open(url, "", secret(server.clientPrivateKey(), server.knownHostsWithAnotherKey()))) {
            assertThatThrownBy(wary::checkPermissions).isInstanceOfSatisfying(StateStoreException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY));
        }
    }

    @Test
    void aPrivateKeyThatDoesNotParseIsNamedWithoutBeingShown() {
        String garbage = "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END OPENSSH PRIVATE KEY-----\n";
        assertThatThrownBy(() -> open(url, "", secret(garbage, server.knownHosts())))
                .isInstanceOfSatisfying(StateStoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).contains("key 'sshPrivateKey' of Secret flux-system/git-ssh")
                            .doesNotContain("bm90IGEga2V5");
                });
    }

    @Test
    void sshNeedsAnSshUrl() {
        assertThatThrownBy(() -> open("https://example.com/repo.git", "", secret(server.clientPrivateKey(),
                server.knownHosts()))).hasMessageContaining("authMethod ssh needs an ssh URL");
    }

    private static void assertKeyAbsent(String text, String privateKey) {
        privateKey.lines().filter(l -> !l.startsWith("-----") && l.length() > 8)
                .forEach(line -> assertThat(text).doesNotContain(line));
    }
}
