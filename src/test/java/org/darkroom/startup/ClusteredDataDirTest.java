package org.darkroom.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent sharing: cluster nodes share a data directory (shared OS locks, and a marker every machine sees), and a
 * single instance neither starts on a clustered directory nor lets a node join its own. The other process is a
 * real one holding a real POSIX lock, as another JVM would.
 */
class ClusteredDataDirTest {
    @TempDir
    Path dir;

    @Test
    void nodes_share_a_directory_and_mark_it_so_a_single_instance_anywhere_refuses_it() throws Exception {
        Process otherNode = holdLock("LOCK_SH");
        try {
            DataDirLock.acquireShared(dir, "postgresql://db.example/darkroom").stop();
            assertThat(Files.readString(dir.resolve(ClusterMarker.FILE))).contains("postgresql://db.example/darkroom")
                    .contains("darkroom.cluster.jdbc-url");

            assertThatThrownBy(() -> DataDirLock.acquire(dir)).isInstanceOf(StartupRefusal.class)
                    .hasMessage("The data directory " + dir + " is shared by Darkroom cluster nodes: start this"
                            + " instance with the same darkroom.cluster.jdbc-url as the others, or, if no node uses"
                            + " it any more, delete " + dir.resolve(ClusterMarker.FILE) + ".");

            Files.delete(dir.resolve(ClusterMarker.FILE));
            assertThatThrownBy(() -> DataDirLock.acquire(dir)).as("the other node still holds its shared lock")
                    .isInstanceOf(StartupRefusal.class).hasMessageContaining("is in use by another Darkroom instance");
        } finally {
            otherNode.destroyForcibly().waitFor();
        }
        DataDirLock.acquire(dir).stop();
    }

    @Test
    void a_node_does_not_join_a_directory_a_single_instance_holds() throws Exception {
        Process single = holdLock("LOCK_EX");
        try {
            assertThatThrownBy(() -> DataDirLock.acquireShared(dir, "postgresql://db.example/darkroom"))
                    .isInstanceOf(StartupRefusal.class)
                    .hasMessageContaining("is in use by a Darkroom instance that does not run as a cluster node"
                            + " (PID " + single.pid() + " on host test)")
                    .hasMessageContaining("darkroom.cluster.jdbc-url");
            assertThat(dir.resolve(ClusterMarker.FILE)).doesNotExist();
        } finally {
            single.destroyForcibly().waitFor();
        }
        DataDirLock.acquireShared(dir, "postgresql://db.example/darkroom").stop();
    }

    /** A Python process holding a POSIX lock on the lock file (the kind the JVM takes), saying who it is. */
    private Process holdLock(String kind) throws IOException {
        Path file = dir.resolve(DataDirLock.FILE);
        Path ready = dir.resolve("locked");
        String script = "import fcntl, os, sys, time\n"
                + "f = open(sys.argv[1], 'a+')\n"
                + "fcntl.lockf(f, fcntl." + kind + ")\n"
                + ("LOCK_EX".equals(kind) ? "f.truncate(0); f.write('PID %d on host test' % os.getpid()); f.flush()\n" : "")
                + "open(sys.argv[2], 'w').close()\n"
                + "time.sleep(120)\n";
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString(), ready.toString())
                .redirectErrorStream(true).start();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ready) || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("the lock holder ended: "
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return process;
    }
}
