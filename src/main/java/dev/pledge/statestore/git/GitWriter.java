package dev.pledge.statestore.git;

import dev.pledge.statestore.BatchPlanner;
import dev.pledge.statestore.ChangeSet;
import dev.pledge.statestore.DirectoryTree;
import dev.pledge.statestore.RetryPolicy;
import dev.pledge.statestore.StateStoreBatch;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import dev.pledge.statestore.StateStoreLayout;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.WriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.RmCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.jboss.logging.Logger;

/**
 * Writes a batch as one commit and one push on a local clone of one branch. Each round starts from the remote
 * head (fetch, hard reset, clean) and re-plans, so a push that loses a race is simply replayed on top of the
 * winner's commit: nobody's files are lost. A server that does not answer is retried with backoff.
 */
public final class GitWriter implements StateStoreWriter {
    private static final Logger LOG = Logger.getLogger(GitWriter.class);
    private static final String REMOTE = "origin";

    /** The parts of a GitStateStore a writer needs, already defaulted and validated. */
    public record Settings(String store, URIish url, String branch, String storeRoot, PersonIdent author) {
    }

    private final Settings settings;
    private final GitCredentials credentials;
    private final GitFailures failures;
    private final RetryPolicy retry;
    private final Path cloneDirectory;
    private final ReentrantLock lock = new ReentrantLock();
    private Git git;

    GitWriter(Settings settings, GitCredentials credentials, GitFailures failures, RetryPolicy retry,
            Path cloneDirectory) {
        this.settings = settings;
        this.credentials = credentials;
        this.failures = failures;
        this.retry = retry;
        this.cloneDirectory = cloneDirectory;
    }

    @Override
    public WriteResult apply(StateStoreBatch batch) throws StateStoreException {
        if (batch.isEmpty()) {
            return WriteResult.unchanged("");
        }
        StateStoreLayout.validate(batch); // a refused path fails before any network traffic
        lock.lock();
        try {
            int conflicts = 0;
            int outages = 0;
            while (true) {
                try {
                    return attempt(batch);
                } catch (PushRejected rejected) {
                    conflicts++;
                    if (conflicts >= retry.conflictAttempts()) {
                        throw new StateStoreException(Reason.CONFLICT, settings.store() + ": the push to branch '"
                                + settings.branch() + "' was rejected " + conflicts + " times because others kept"
                                + " pushing first; will retry later");
                    }
                    LOG.debugf("%s: branch %s moved while pushing; replaying %d placements on the new head",
                            settings.store(), settings.branch(), batch.size());
                    pause(ThreadLocalRandom.current().nextInt(5, 50));
                } catch (StateStoreException e) {
                    if (e.reason() != Reason.UNREACHABLE) {
                        throw e;
                    }
                    outages++;
                    if (outages >= retry.attempts()) {
                        throw e;
                    }
                    LOG.infof("%s (attempt %d of %d)", e.getMessage(), outages, retry.attempts());
                    retry.sleepBefore(outages);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** One round: sync, plan, commit, push. */
    private WriteResult attempt(StateStoreBatch batch) throws StateStoreException, PushRejected {
        ObjectId base = syncWithRemote();
        DirectoryTree tree = tree();
        ChangeSet changes = BatchPlanner.plan(batch, tree);
        if (changes.isEmpty()) {
            return WriteResult.unchanged(headId());
        }
        tree.apply(changes);
        RevCommit commit = commit(changes, batch.placementNames(), changes.puts().isEmpty() ? "Delete" : "Update");
        push(base);
        return WriteResult.of(changes, commit.getId().name());
    }

    /** Resets the clone to the remote branch; returns the commit it now stands on (null: no branch yet). */
    private ObjectId syncWithRemote() throws StateStoreException {
        try {
            Git repo = repository();
            boolean branchExists = fetchBranch(repo);
            Ref remote = branchExists ? repo.getRepository().exactRef(remoteRef()) : null;
            if (remote == null) {
                // An empty repository (or the branch is gone): start the branch afresh from nothing.
                if (repo.getRepository().resolve("HEAD") != null || !isClean(repo)) {
                    reinitialise();
                }
                return null;
            }
            repo.reset().setMode(ResetType.HARD).setRef(remoteRef()).call();
            repo.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
            return remote.getObjectId();
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw failures.classify("fetch", e);
        }
    }

    /** Fetches the branch; false when the remote does not have it (an empty repository, or a new branch). */
    private boolean fetchBranch(Git repo) throws GitAPIException {
        try {
            repo.fetch().setRemote(REMOTE)
                    .setRefSpecs(new RefSpec("+refs/heads/" + settings.branch() + ":" + remoteRef()))
                    .setTransportConfigCallback(credentials).call();
            return true;
        } catch (TransportException e) {
            if (String.valueOf(e.getMessage()).contains("does not have refs/heads/" + settings.branch())) {
                return false;
            }
            throw e;
        }
    }

    private RevCommit commit(ChangeSet changes, List<String> placements, String verb) throws StateStoreException {
        try {
            Git repo = repository();
            if (!changes.puts().isEmpty()) {
                AddCommand add = repo.add();
                changes.puts().keySet().forEach(p -> add.addFilepattern(repoPath(p)));
                add.call();
            }
            if (!changes.deletes().isEmpty()) {
                RmCommand rm = repo.rm().setCached(true);
                changes.deletes().forEach(p -> rm.addFilepattern(repoPath(p)));
                rm.call();
            }
            PersonIdent author = new PersonIdent(settings.author(), java.time.Instant.now());
            return repo.commit().setAuthor(author).setCommitter(author).setSign(false)
                    .setAllowEmpty(false).setMessage(message(verb, placements)).call();
        } catch (GitAPIException | RuntimeException e) {
            throw failures.classify("commit", e);
        }
    }

    private boolean remoteMovedSince(ObjectId base) throws StateStoreException {
        try {
            Git repo = repository();
            ObjectId now = fetchBranch(repo) ? repo.getRepository().exactRef(remoteRef()).getObjectId() : null;
            return !java.util.Objects.equals(now, base);
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw failures.classify("fetch", e);
        }
    }

    private void push(ObjectId base) throws StateStoreException, PushRejected {
        Iterable<PushResult> results;
        try {
            results = repository().push().setRemote(REMOTE).setTransportConfigCallback(credentials)
                    .setRefSpecs(new RefSpec("refs/heads/" + settings.branch() + ":refs/heads/" + settings.branch()))
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw failures.classify("push", e);
        }
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE -> {
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> throw new PushRejected();
                    // Servers word a lost race in many ways ("failed to lock", "already exists", "invalid
                    // old id"): whatever the words, if the branch moved since our fetch, replay on top of it.
                    case REJECTED_OTHER_REASON -> {
                        if (remoteMovedSince(base)) {
                            throw new PushRejected();
                        }
                        throw new StateStoreException(Reason.IO, settings.store() + ": push to branch '"
                                + settings.branch() + "' refused: " + update.getMessage());
                    }
                    default -> throw new StateStoreException(Reason.IO, settings.store() + ": push to branch '"
                            + settings.branch() + "' refused: " + update.getStatus()
                            + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                }
            }
        }
    }

    @Override
    public Optional<byte[]> readFile(String path) throws StateStoreException {
        lock.lock();
        try {
            syncWithRemote();
            return tree().read(path);
        } finally {
            lock.unlock();
        }
    }

    /** Opens a push connection: the server must accept our credentials for writing. Sends nothing. */
    @Override
    public void checkPermissions() throws StateStoreException {
        lock.lock();
        try (Transport transport = Transport.open(repository().getRepository(), settings.url())) {
            credentials.configure(transport);
            try (PushConnection connection = transport.openPush()) {
                connection.getRefs();
            }
        } catch (Exception e) {
            throw failures.classify("permission check", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (git != null) {
                git.close();
                git = null;
            }
            deleteRecursively(cloneDirectory);
        } finally {
            lock.unlock();
        }
    }

    /** The local clone, created on first use: init plus remote, which also works for an empty repository. */
    private Git repository() throws StateStoreException {
        if (git == null) {
            try {
                Files.createDirectories(cloneDirectory);
                git = Git.init().setDirectory(cloneDirectory.toFile()).setInitialBranch(settings.branch()).call();
                git.remoteAdd().setName(REMOTE).setUri(settings.url()).call();
                git.getRepository().getConfig().setBoolean("gc", null, "autoDetach", false);
                git.getRepository().getConfig().save();
            } catch (GitAPIException | IOException e) {
                throw new StateStoreException(Reason.IO, settings.store() + ": cannot create a local clone: "
                        + e.getMessage());
            }
        }
        return git;
    }

    private void reinitialise() throws StateStoreException {
        if (git != null) {
            git.close();
            git = null;
        }
        deleteRecursively(cloneDirectory);
        repository();
    }

    private boolean isClean(Git repo) throws GitAPIException {
        return repo.status().call().isClean();
    }

    private DirectoryTree tree() throws StateStoreException {
        Path workTree = repository().getRepository().getWorkTree().toPath();
        return new DirectoryTree(settings.storeRoot().isEmpty() ? workTree : workTree.resolve(settings.storeRoot()));
    }

    private String headId() throws StateStoreException {
        try {
            ObjectId head = repository().getRepository().resolve("HEAD");
            return head == null ? "" : head.name();
        } catch (IOException e) {
            return "";
        }
    }

    private String repoPath(String storePath) {
        return StateStoreLayout.join(settings.storeRoot(), storePath);
    }

    private String remoteRef() {
        return "refs/remotes/" + REMOTE + "/" + settings.branch();
    }

    /** Upstream's "Update from: <placement>", with a list when a batch carries several placements. */
    static String message(String verb, List<String> placements) {
        if (placements.size() == 1) {
            return verb + " from: " + placements.get(0);
        }
        StringBuilder text = new StringBuilder(verb + " from: " + placements.size() + " placements\n\n");
        placements.forEach(p -> text.append("- ").append(p).append('\n'));
        return text.toString();
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", directory, e.getMessage());
        }
    }

    /** The remote branch moved between our fetch and our push. */
    private static final class PushRejected extends Exception {
        PushRejected() {
            super(null, null, false, false);
        }
    }
}
