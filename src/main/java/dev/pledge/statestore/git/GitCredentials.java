package dev.pledge.statestore.git;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.pledge.api.GitStateStoreSpec.AuthMethod;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.ssh.jsch.JschConfigSessionFactory;
import org.eclipse.jgit.transport.ssh.jsch.OpenSshConfig;
import org.eclipse.jgit.util.FS;

/**
 * How a Git writer proves who it is: a username and password over HTTPS, or a private key over SSH with the
 * server's host key checked against the Secret's {@code knownHosts} (never the user's ~/.ssh, never trusted
 * blindly). Built once per writer; a key that does not parse fails here, with a message naming the Secret key.
 */
final class GitCredentials implements TransportConfigCallback {
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String SSH_PRIVATE_KEY = "sshPrivateKey";
    static final String KNOWN_HOSTS = "knownHosts";
    private static final String GITHUB_TOKEN_USER = "x-access-token";

    private final CredentialsProvider password;
    private final KeyOnlySessionFactory ssh;

    private GitCredentials(CredentialsProvider password, KeyOnlySessionFactory ssh) {
        this.password = password;
        this.ssh = ssh;
    }

    /**
     * @param insecure the store's {@code spec.insecure}: only then may basicAuth send its password over plain
     *        {@code http://}
     */
    static GitCredentials forStore(String store, AuthMethod method, URIish url, SecretData secret, boolean insecure)
            throws StateStoreException {
        if (onThisMachine(url)) {
            // a repository on this machine's disk (pledge local's state store): the file system decides who may
            // write, so there is nothing to present, whatever authMethod says
            return new GitCredentials(null, null);
        }
        boolean sshUrl = url.getScheme() == null || url.getScheme().equals("ssh");
        switch (method) {
            case basicAuth -> {
                if (sshUrl || !url.getScheme().startsWith("http")) {
                    throw invalid(store + ": authMethod basicAuth needs an https:// URL, got '" + shown(url) + "'");
                }
                if (url.getScheme().equals("http") && !insecure) {
                    throw invalid(store + ": authMethod basicAuth over http:// would send the password in clear; use "
                            + "an https:// URL, or set spec.insecure: true for a server you trust on a private network");
                }
                String user = secret.value(USERNAME)
                        .orElse(url.getHost() != null && url.getHost().contains("github") ? GITHUB_TOKEN_USER : "");
                String pass = secret.require(PASSWORD, store + " (authMethod basicAuth)");
                return new GitCredentials(new UsernamePasswordCredentialsProvider(user, pass), null);
            }
            case ssh -> {
                if (!sshUrl) {
                    throw invalid(store + ": authMethod ssh needs an ssh URL (ssh://... or user@host:path), got '"
                            + shown(url) + "'");
                }
                String key = secret.require(SSH_PRIVATE_KEY, store + " (authMethod ssh)");
                String knownHosts = secret.require(KNOWN_HOSTS, store + " (authMethod ssh)");
                JSch jsch = new JSch();
                try {
                    jsch.addIdentity(store, key.getBytes(StandardCharsets.UTF_8), null, null);
                } catch (JSchException e) {
                    throw invalid(store + ": key '" + SSH_PRIVATE_KEY + "' of Secret " + secret.describe()
                            + " is not a private key JSch can read (an unencrypted PEM or OpenSSH key)");
                }
                try {
                    jsch.setKnownHosts(new ByteArrayInputStream(knownHosts.getBytes(StandardCharsets.UTF_8)));
                } catch (JSchException e) {
                    throw invalid(store + ": key '" + KNOWN_HOSTS + "' of Secret " + secret.describe()
                            + " is not in known_hosts format");
                }
                return new GitCredentials(null, new KeyOnlySessionFactory(jsch));
            }
            default -> throw invalid(store + ": authMethod " + method + " is not supported by Pledge yet;"
                    + " use basicAuth (a GitHub App installation token works as the password) or ssh");
        }
    }

    /** A {@code file://} URL, or a plain absolute path (which JGit also opens as a local repository). */
    static boolean onThisMachine(URIish url) {
        return "file".equals(url.getScheme())
                || url.getScheme() == null && url.getHost() == null && url.getPath() != null && url.getPath().startsWith("/");
    }

    @Override
    public void configure(Transport transport) {
        if (password != null) {
            transport.setCredentialsProvider(password);
        }
        if (ssh != null && transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(ssh);
        }
    }

    /** The URL with any user:password part removed, for messages. */
    static String shown(URIish url) {
        return url.setPass(null).toString();
    }

    private static StateStoreException invalid(String message) {
        return new StateStoreException(Reason.INVALID_CONFIGURATION, message);
    }

    /**
     * JGit's JSch session factory, cut off from the machine's ~/.ssh: only the Secret's key and known hosts, and
     * strict host-key checking whatever an ssh config file says.
     */
    private static final class KeyOnlySessionFactory extends JschConfigSessionFactory {
        private final JSch jsch;

        KeyOnlySessionFactory(JSch jsch) {
            this.jsch = jsch;
            File nowhere = new File(System.getProperty("java.io.tmpdir"), "pledge-no-ssh-config");
            setConfig(new OpenSshConfig(nowhere, new File(nowhere, "config")));
        }

        @Override
        protected JSch getJSch(OpenSshConfig.Host host, FS fs) {
            return jsch;
        }

        @Override
        protected JSch createDefaultJSch(FS fs) {
            return jsch;
        }

        @Override
        protected void configure(OpenSshConfig.Host host, Session session) {
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setUserInfo(null);
        }
    }
}
