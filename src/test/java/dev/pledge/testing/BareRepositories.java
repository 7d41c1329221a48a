package dev.pledge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Bare repositories on the test servers' side, and what tests read from them. */
public final class BareRepositories {
    private BareRepositories() {
    }

    static Path create(Path parent, String name) {
        Path directory = parent.resolve(name + ".git");
        try (Git ignored = Git.init().setBare(true).setInitialBranch("main").setDirectory(directory.toFile())
                .call()) {
            return directory;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Someone other than Pledge changes the branch: a clone that deletes each file mapped to null and writes the
     * others, then makes one commit and pushes it straight to the bare repository.
     */
    public static void commitBehindPledgesBack(Path bare, String branch, java.util.Map<String, String> changes) {
        Path clone = null;
        try {
            clone = Files.createTempDirectory("behind-the-back");
            try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setBranch(branch)
                    .setDirectory(clone.toFile()).call()) {
                for (java.util.Map.Entry<String, String> change : changes.entrySet()) {
                    if (change.getValue() == null) {
                        git.rm().addFilepattern(change.getKey()).call();
                    } else {
                        Files.writeString(clone.resolve(change.getKey()), change.getValue());
                        git.add().addFilepattern(change.getKey()).call();
                    }
                }
                git.commit().setAuthor("someone", "someone@example.org").setCommitter("someone", "someone@example.org")
                        .setSign(false).setMessage("edited by hand").call();
                git.push().call();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (clone != null) {
                try (Stream<Path> walk = Files.walk(clone)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory
                }
            }
        }
    }

    /** Commits on the branch, newest first; empty when the branch does not exist. */
    public static List<RevCommit> commits(Path bare, String branch) {
        try (Repository repo = open(bare); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("refs/heads/" + branch);
            List<RevCommit> commits = new ArrayList<>();
            if (head == null) {
                return commits;
            }
            walk.markStart(walk.parseCommit(head));
            walk.forEach(commits::add);
            return commits;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file at the branch's head with its content, by path. */
    public static java.util.Map<String, String> files(Path bare, String branch) {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        walkHead(bare, branch, (repo, tree) -> {
            ObjectLoader loader = repo.open(tree.getObjectId(0));
            files.put(tree.getPathString(), new String(loader.getBytes(), java.nio.charset.StandardCharsets.UTF_8));
        });
        return files;
    }

    /** Every file's path at the branch's head, names only: no blob is read, so a poll of many files stays cheap. */
    public static List<String> paths(Path bare, String branch) {
        List<String> paths = new ArrayList<>();
        walkHead(bare, branch, (repo, tree) -> paths.add(tree.getPathString()));
        return paths;
    }

    /** One file of a tree walk. */
    @FunctionalInterface
    private interface TreeEntry {
        void visit(Repository repo, TreeWalk tree) throws IOException;
    }

    /** Visits every file at the branch's head; nothing when the branch does not exist. */
    private static void walkHead(Path bare, String branch, TreeEntry entry) {
        try (Repository repo = open(bare); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("refs/heads/" + branch);
            if (head == null) {
                return;
            }
            try (TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(walk.parseCommit(head).getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    entry.visit(repo, tree);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each commit on the branch, oldest first, as "change-type path" entries against its first parent. */
    public static List<List<String>> changes(Path bare, String branch) {
        List<List<String>> changes = new ArrayList<>();
        try (Repository repo = open(bare); RevWalk walk = new RevWalk(repo);
                org.eclipse.jgit.diff.DiffFormatter diff = new org.eclipse.jgit.diff.DiffFormatter(
                        org.eclipse.jgit.util.io.DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repo);
            List<RevCommit> commits = commits(bare, branch);
            for (int i = commits.size() - 1; i >= 0; i--) {
                RevCommit commit = walk.parseCommit(commits.get(i));
                var parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)).getTree();
                changes.add(diff.scan(parent, commit.getTree()).stream()
                        .map(e -> e.getChangeType() + " " + (e.getChangeType() == org.eclipse.jgit.diff.DiffEntry.ChangeType.DELETE
                                ? e.getOldPath() : e.getNewPath()))
                        .toList());
            }
            return changes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Repository open(Path bare) throws IOException {
        return new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build();
    }

    static void deleteQuietly(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
