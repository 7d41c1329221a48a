package dev.pledge.statestore.git;

import dev.pledge.api.GitStateStoreSpec;
import dev.pledge.api.GitStateStoreSpec.AuthMethod;
import dev.pledge.statestore.RetryPolicy;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import dev.pledge.statestore.StateStoreLayout;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriterFactory;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.URIish;

/** The {@code GitStateStore} kind. */
@ApplicationScoped
@Unremovable
public class GitWriterFactory implements StateStoreWriterFactory {
    public static final String KIND = "GitStateStore";
    static final String DEFAULT_BRANCH = "main";
    static final String DEFAULT_AUTHOR = "kratix";
    static final String DEFAULT_EMAIL = "kratix@pledge.invalid";

    private final RetryPolicy retry;

    public GitWriterFactory() {
        this(RetryPolicy.DEFAULT);
    }

    public GitWriterFactory(RetryPolicy retry) {
        this.retry = retry;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public StateStoreWriter open(StateStoreDefinition definition) throws StateStoreException {
        GitStateStoreSpec spec = definition.spec(GitStateStoreSpec.class);
        String store = definition.displayName();
        if (spec.getUrl() == null || spec.getUrl().isBlank()) {
            throw new StateStoreException(Reason.INVALID_CONFIGURATION, store + ": spec.url is empty");
        }
        URIish url;
        try {
            url = new URIish(spec.getUrl().strip());
        } catch (URISyntaxException e) {
            throw new StateStoreException(Reason.INVALID_CONFIGURATION, store + ": spec.url is not a Git URL");
        }
        if (url.getPass() != null) {
            throw new StateStoreException(Reason.INVALID_CONFIGURATION, store
                    + ": spec.url must not carry a password; put it in the Secret's 'password' key");
        }
        AuthMethod method = spec.getAuthMethod() == null ? AuthMethod.basicAuth : spec.getAuthMethod();
        GitCredentials credentials = GitCredentials.forStore(store, method, url, definition.secret(),
                Boolean.TRUE.equals(spec.getInsecure()));
        String branch = spec.getBranch() == null || spec.getBranch().isBlank() ? DEFAULT_BRANCH : spec.getBranch();
        GitWriter.Settings settings = new GitWriter.Settings(store, url, branch,
                StateStoreLayout.storeRoot(spec.getPath()), author(spec.getGitAuthor()));
        Path clone;
        try {
            clone = CloneDirectories.ofThisProcess().newClone();
        } catch (IOException e) {
            throw new StateStoreException(Reason.IO, store + ": cannot create a directory for the local clone");
        }
        return new GitWriter(settings, credentials,
                new GitFailures(store, GitCredentials.shown(url), definition.secret()), retry, clone);
    }

    private static PersonIdent author(GitStateStoreSpec.GitAuthor author) {
        String name = author == null || author.getName() == null || author.getName().isBlank() ? DEFAULT_AUTHOR
                : author.getName();
        String email = author == null || author.getEmail() == null ? DEFAULT_EMAIL : author.getEmail();
        return new PersonIdent(name, email);
    }
}
