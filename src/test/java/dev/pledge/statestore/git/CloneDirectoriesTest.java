package dev.pledge.statestore.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: every {@code kill -9} of the operator left a temporary clone directory behind, for ever. */
class CloneDirectoriesTest {
    @TempDir
    Path tmp;

    @Test
    void theClonesOfAKilledProcessAreSweptWhenTheNextProcessMakesItsFirstClone() throws Exception {
        Process killed = new ProcessBuilder("sleep", "60").start();
        Path left = Files.createDirectories(tmp.resolve(Long.toString(killed.pid())).resolve("clone-1/.git"));
        Files.writeString(left.resolve("HEAD"), "ref: refs/heads/main\n");
        killed.destroyForcibly();
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();

        Path clone = new CloneDirectories(tmp, ProcessHandle.current().pid()).newClone();

        assertThat(tmp.resolve(Long.toString(killed.pid()))).doesNotExist();
        assertThat(clone).isEmptyDirectory().hasParent(tmp.resolve(Long.toString(ProcessHandle.current().pid())));
    }

    @Test
    void theClonesOfAProcessThatIsStillRunningAreLeftAlone() throws Exception {
        Process running = new ProcessBuilder("sleep", "60").start();
        try {
            Path theirs = Files.createDirectories(tmp.resolve(Long.toString(running.pid())).resolve("clone-1"));

            new CloneDirectories(tmp, ProcessHandle.current().pid()).newClone();

            assertThat(theirs).exists();
        } finally {
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** In a container the restarted operator has the killed one's pid (1), so its own directory is emptied first. */
    @Test
    void aRestartedProcessWithTheSamePidEmptiesItsDirectoryFirst() throws Exception {
        long pid = ProcessHandle.current().pid();
        Path earlier = Files.createDirectories(tmp.resolve(Long.toString(pid)).resolve("clone-earlier"));

        CloneDirectories directories = new CloneDirectories(tmp, pid);
        Path first = directories.newClone();
        Path second = directories.newClone();

        assertThat(earlier).doesNotExist();
        assertThat(first).exists();
        assertThat(second).exists().isNotEqualTo(first);
    }
}
