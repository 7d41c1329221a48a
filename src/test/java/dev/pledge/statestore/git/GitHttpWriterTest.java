package dev.pledge.statestore.git;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pledge.api.GitStateStoreSpec;
import dev.pledge.statestore.DestinationDirectory;
import dev.pledge.statestore.PlacementWrite;
import dev.pledge.statestore.RetryPolicy;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriterContract;
import dev.pledge.statestore.WriteResult;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.CapturedLogs;
import dev.pledge.testing.GitHttpServer;
import dev.pledge.testing.S3Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/** The Git writer over smart HTTP with basic auth, against a real JGit server, starting from empty repositories. */
class GitHttpWriterTest extends StateStoreWriterContract {
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), 50);
    private static final DestinationDirectory DEV = DestinationDirectory.nested("dev", "dev");

    private final GitHttpServer server = GitHttpServer.get();
    private String url;
    private String branch = "main";

    @Override
    protected StateStoreWriter openWriter(String storePath) throws Exception {
        url = server.newRepository("contract-" + System.nanoTime());
        return open(url, storePath, branch, null, SecretData.of("default/git-creds",
                Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD)));
    }

    @Override
    protected Map<String, String> storeFiles() {
        return BareRepositories.files(server.repository(url), branch);
    }

    static StateStoreWriter open(String url, String path, String branch, GitStateStoreSpec.GitAuthor author,
            SecretData secret) throws StateStoreException {
        GitStateStoreSpec spec = new GitStateStoreSpec();
        spec.setUrl(url);
        spec.setInsecure(true);
        spec.setPath(path);
        spec.setBranch(branch);
        spec.setGitAuthor(author);
        return new GitWriterFactory(FAST).open(new StateStoreDefinition(GitWriterFactory.KIND, "git", "1", spec,
                secret));
    }

    private List<RevCommit> commits() {
        return BareRepositories.commits(server.repository(url), branch);
    }

    @Test
    void theFirstWriteToAnEmptyRepositoryCreatesTheBranchWithOneCommitByKratix() throws Exception {
        assertThat(commits()).isEmpty();

        WriteResult result = writer.apply(batch(resource(DEV, "redis-a", "a", file("a.yaml", "a"))));

        assertThat(commits()).hasSize(1);
        RevCommit commit = commits().get(0);
        assertThat(result.versionId()).isEqualTo(commit.getName());
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("kratix");
        assertThat(commit.getFullMessage()).isEqualTo("Update from: default/redis-a");
    }

    @Test
    void aBatchOfManyPlacementsIsOneCommitAndAnUnchangedBatchIsNone() throws Exception {
        List<PlacementWrite> writes = IntStream.range(0, 50)
                .mapToObj(i -> resource(DEV, "redis-" + i, "r" + i, file("redis.yaml", "replicas: " + i))).toList();

        writer.write(writes);
        writer.write(writes);

        assertThat(commits()).hasSize(1);
        assertThat(commits().get(0).getFullMessage()).startsWith("Update from: 50 placements");
        assertThat(storeFiles()).hasSize(50);
    }

    @Test
    void branchAndAuthorComeFromTheSpec() throws Exception {
        writer.close();
        branch = "gitops";
        url = server.newRepository("branch-" + System.nanoTime());
        GitStateStoreSpec.GitAuthor author = new GitStateStoreSpec.GitAuthor();
        author.setName("Platform Bot");
        author.setEmail("bot@example.com");
        writer = open(url, "clusters", branch, author, SecretData.of("default/git-creds",
                Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD)));

        writer.apply(batch(resource(DEV, "redis-a", "a", file("a.yaml", "a"))));

        assertThat(BareRepositories.commits(server.repository(url), "main")).isEmpty();
        assertThat(commits()).singleElement().satisfies(c -> {
            assertThat(c.getAuthorIdent().getName()).isEqualTo("Platform Bot");
            assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("bot@example.com");
        });
        assertThat(storeFiles()).containsOnlyKeys(
                "clusters/dev/resources/default/redis/a/instance-configure/5058f/a.yaml");
    }

    @Test
    void twoWritersPushingToOneRepositoryAtOnceLoseNoFiles() throws Exception {
        SecretData secret = SecretData.of("default/git-creds",
                Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (StateStoreWriter first = open(url, STORE_PATH, branch, null, secret);
                StateStoreWriter second = open(url, STORE_PATH, branch, null, secret)) {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (StateStoreWriter w : List.of(first, second)) {
                String who = w == first ? "first" : "second";
                jobs.add(() -> {
                    for (int round = 0; round < 8; round++) {
                        w.apply(batch(resource(DEV, who + "-" + round, who + round, file("f.yaml", who))));
                    }
                    return null;
                });
            }
            for (Future<Void> job : threads.invokeAll(jobs)) {
                job.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(storeFiles()).hasSize(16);
        assertThat(commits()).hasSize(16);
    }

    @Test
    void aWrongPasswordIsAClearErrorThatNeverShowsThePassword() throws Exception {
        String wrong = "not-the-Password-9921";
        try (CapturedLogs logs = new CapturedLogs();
                StateStoreWriter denied = open(url, STORE_PATH, branch, null, SecretData.of("default/git-creds",
                        Map.of("username", GitHttpServer.USER, "password", wrong)))) {
            assertThatThrownBy(() -> denied.apply(batch(resource(DEV, "a", "a", file("a.yaml", "a")))))
                    .isInstanceOfSatisfying(StateStoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
                        assertThat(e.getMessage()).doesNotContain("\n").contains("GitStateStore/git")
                                .contains("refused the username/password in Secret default/git-creds");
                        assertThat(fullText(e)).doesNotContain(wrong);
                    });
            assertThatThrownBy(denied::checkPermissions).hasMessageContaining("refused the username/password");
            assertThat(logs.text()).doesNotContain(wrong);
        }
        assertThat(commits()).isEmpty();
    }

    @Test
    void aServerThatIsDownIsRetriedWithBackoffAndReported() throws Exception {
        String nowhere = "http://127.0.0.1:" + S3Server.freePort() + "/git/none.git";
        try (CapturedLogs logs = new CapturedLogs();
                StateStoreWriter offline = open(nowhere, "", "main", null, SecretData.of("s/n",
                        Map.of("password", "x-Secret-1234")))) {
            assertThatThrownBy(() -> offline.apply(batch(resource(DEV, "a", "a", file("a.yaml", "a")))))
                    .isInstanceOfSatisfying(StateStoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                        assertThat(e.getMessage()).startsWith("GitStateStore/git: cannot reach " + nowhere);
                    });
            assertThat(logs.text()).contains("attempt 1 of 3").contains("attempt 2 of 3");
        }
    }

    @Test
    void aRepositoryThatDoesNotExistIsNamed() throws Exception {
        String missing = url.replace(".git", "-missing.git");
        try (StateStoreWriter lost = open(missing, "", "main", null, SecretData.of("default/git-creds",
                Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD)))) {
            assertThatThrownBy(lost::checkPermissions).isInstanceOfSatisfying(StateStoreException.class,
                    e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.NOT_FOUND));
        }
    }

    @Test
    void basicAuthNeedsAPasswordKey() {
        assertThatThrownBy(() -> open(url, "", "main", null, SecretData.of("default/empty", Map.of())))
                .hasMessage("Secret default/empty has no key 'password' (needed for GitStateStore/git"
                        + " (authMethod basicAuth))");
    }

    static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

}
