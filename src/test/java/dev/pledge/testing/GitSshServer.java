package dev.pledge.testing;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.git.GitLocationResolver;
import org.apache.sshd.git.pack.GitPackCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A real Git-over-SSH server on 127.0.0.1 (Apache MINA sshd-git): public-key authentication only, against one
 * authorized client key per {@link ClientKey} kind, with its own host key. Started once per test JVM.
 */
public final class GitSshServer {
    private static GitSshServer instance;

    private final SshServer server;
    private final Path repositories;
    private final Map<ClientKey, String> clientPrivateKeys;
    private final String knownHosts;

    /**
     * The kinds of client key the server accepts. ECDSA in the PEM form JSch writes; ed25519 (what
     * {@code ssh-keygen} makes by default) and RSA in the OpenSSH format ssh-keygen writes
     * ({@code -----BEGIN OPENSSH PRIVATE KEY-----}), written here by MINA sshd, an implementation independent of
     * the JSch that reads them in Pledge.
     */
    public enum ClientKey {
        ECDSA_PEM, ED25519_OPENSSH, RSA_OPENSSH
    }

    private GitSshServer(SshServer server, Path repositories, Map<ClientKey, String> clientPrivateKeys,
            String knownHosts) {
        this.server = server;
        this.repositories = repositories;
        this.clientPrivateKeys = clientPrivateKeys;
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

    /** The ECDSA private key the server accepts (PEM). */
    public String clientPrivateKey() {
        return clientPrivateKey(ClientKey.ECDSA_PEM);
    }

    /** A private key of this kind that the server accepts. */
    public String clientPrivateKey(ClientKey kind) {
        return clientPrivateKeys.get(kind);
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

    /** {private key in OpenSSH format, public key line}: a fresh key pair, generated and written by MINA sshd. */
    public static String[] newOpenSshKeyPair(String algorithm, int size) {
        try {
            KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            java.security.KeyPair pair = generator.generateKeyPair();
            ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "pledge-test", null, privateKey);
            return new String[] {privateKey.toString(StandardCharsets.UTF_8),
                    PublicKeyEntry.toString(pair.getPublic()) + " pledge-test\n"};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GitSshServer start() {
        try {
            Path home = Files.createTempDirectory("pledge-git-ssh");
            Path repositories = Files.createDirectories(home.resolve("repositories"));
            Map<ClientKey, String[]> clients = new EnumMap<>(ClientKey.class);
            clients.put(ClientKey.ECDSA_PEM, newKeyPair());
            clients.put(ClientKey.ED25519_OPENSSH, newOpenSshKeyPair(SecurityUtils.EDDSA, 256));
            clients.put(ClientKey.RSA_OPENSSH, newOpenSshKeyPair(KeyUtils.RSA_ALGORITHM, 3072));
            Path authorizedKeys = home.resolve("authorized_keys");
            Files.writeString(authorizedKeys, clients.values().stream().map(pair -> pair[1].strip() + "\n")
                    .collect(Collectors.joining()));
            Map<ClientKey, String> privateKeys = new EnumMap<>(ClientKey.class);
            clients.forEach((kind, pair) -> privateKeys.put(kind, pair[0]));

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
            GitSshServer started = new GitSshServer(server, repositories, privateKeys, knownHosts);
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
