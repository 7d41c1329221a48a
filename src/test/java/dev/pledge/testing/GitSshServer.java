package dev.pledge.testing;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.git.GitLocationResolver;
import org.apache.sshd.git.pack.GitPackCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A real Git-over-SSH server on 127.0.0.1 (Apache MINA sshd-git): public-key authentication only, against one
 * authorized client key, with its own host key. Started once per test JVM.
 */
public final class GitSshServer {
    private static GitSshServer instance;

    private final SshServer server;
    private final Path repositories;
    private final String clientPrivateKey;
    private final String knownHosts;

    private GitSshServer(SshServer server, Path repositories, String clientPrivateKey, String knownHosts) {
        this.server = server;
        this.repositories = repositories;
        this.clientPrivateKey = clientPrivateKey;
        this.knownHosts = knownHosts;
    }

    public static synchronized GitSshServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String newRepository(String name) {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/" + BareRepositories.create(repositories, name)
                .getFileName();
    }

    public Path repository(String url) {
        return repositories.resolve(url.substring(url.lastIndexOf('/') + 1));
    }

    /** The private key the server accepts (PEM). */
    public String clientPrivateKey() {
        return clientPrivateKey;
    }

    /** A known_hosts line for this server's host key. */
    public String knownHosts() {
        return knownHosts;
    }

    /** A known_hosts line that lists a different key for this server. */
    public String knownHostsWithAnotherKey() {
        String[] other = newKeyPair();
        String publicKey = other[1].strip();
        return "[127.0.0.1]:" + server.getPort() + " " + publicKey.substring(0, publicKey.lastIndexOf(' ')) + "\n";
    }

    /** {private PEM, public key line}: a fresh ECDSA key pair. */
    public static String[] newKeyPair() {
        try {
            KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
            ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
            ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
            pair.writePrivateKey(privateKey);
            pair.writePublicKey(publicKey, "pledge-test");
            return new String[] {privateKey.toString(StandardCharsets.UTF_8), publicKey.toString(StandardCharsets.UTF_8)};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GitSshServer start() {
        try {
            Path home = Files.createTempDirectory("pledge-git-ssh");
            Path repositories = Files.createDirectories(home.resolve("repositories"));
            String[] client = newKeyPair();
            Path authorizedKeys = home.resolve("authorized_keys");
            Files.writeString(authorizedKeys, client[1]);

            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(home.resolve("host-key"));
            hostKeys.setAlgorithm("EC");
            hostKeys.setKeySize(256);
            server.setKeyPairProvider(hostKeys);
            server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            server.setCommandFactory(new GitPackCommandFactory()
                    .withGitLocationResolver(GitLocationResolver.constantPath(repositories)));
            server.start();

            PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
            String knownHosts = "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey) + "\n";
            GitSshServer started = new GitSshServer(server, repositories, client[0], knownHosts);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop(true);
                } catch (Exception e) {
                    // the JVM is exiting
                }
                BareRepositories.deleteQuietly(home);
            }, "git-ssh-stop"));
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Git SSH server", e);
        }
    }
}
