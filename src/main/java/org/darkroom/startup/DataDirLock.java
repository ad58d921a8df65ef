package org.darkroom.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Service;
import org.darkroom.config.HostName;
import org.darkroom.intake.ProcessLock;

/**
 * No silent sharing of a data directory: a single instance holds an exclusive lock the operating system keeps on
 * {@code <data>/darkroom.lock} for as long as the process lives (gone after a crash or {@code kill -9} without any
 * clean-up), and the file says which process holds it (host and PID), so a refused start can name it.
 *
 * <p>Cluster nodes share the directory: each holds a shared lock on the same file (so no single instance on the same
 * machine can start beside them, nor they beside it), and the first one writes {@link ClusterMarker}, which a single
 * instance on any machine reads and refuses, since file locks do not reach across a network mount.
 */
public final class DataDirLock implements Service {
    /** The lock file's name under the data directory. */
    public static final String FILE = "darkroom.lock";

    private final ProcessLock lock;
    private final AtomicBoolean released = new AtomicBoolean();

    private DataDirLock(ProcessLock lock) {
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} (a real path) for this process, or refuses naming the instance that holds it.
     *
     * @throws StartupRefusal when another instance holds it, or the lock file cannot be written
     */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        String self = describe(ProcessHandle.current().pid(), HostName.get());
        ClusterMarker.refuseIfClustered(dataDir);
        try {
            if (ProcessLock.heldHere(file)) {
                throw inUse(dataDir, self + ", this very process");
            }
            Optional<ProcessLock> taken = ProcessLock.tryTake(file);
            if (taken.isEmpty()) {
                // Reading opens the file again, which is safe only because this process holds no lock on it.
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                throw inUse(dataDir, holder.isEmpty() ? "which did not say which process it is" : holder);
            }
            try {
                taken.get().write(self + ", started " + Instant.now() + "\n");
            } catch (IOException e) {
                taken.get().close();
                throw e;
            }
            return new DataDirLock(taken.get());
        } catch (IOException e) {
            throw cannotLock(dataDir, file, e);
        }
    }

    /**
     * Joins the cluster that shares {@code dataDir} (or starts it: marks the directory as clustered), or refuses
     * naming the single instance that holds it.
     *
     * @param cluster how the cluster is named in the marker, e.g. its database without credentials
     * @throws StartupRefusal when a single instance holds it, or the lock file cannot be written
     */
    public static DataDirLock acquireShared(Path dataDir, String cluster) {
        Path file = dataDir.resolve(FILE);
        try {
            Optional<ProcessLock> taken = ProcessLock.tryTakeShared(file);
            if (taken.isEmpty()) {
                String holder = ProcessLock.heldHere(file) ? "this very process"
                        : Files.readString(file, StandardCharsets.UTF_8).strip();
                throw new StartupRefusal("The data directory " + dataDir + " is in use by a Darkroom instance that"
                        + " does not run as a cluster node (" + (holder.isEmpty() ? "it did not say which" : holder)
                        + "): stop it, or restart it with the same " + ClusterMarker.SETTING + " as this one.");
            }
            try {
                ClusterMarker.mark(dataDir, cluster);
            } catch (IOException | RuntimeException e) {
                taken.get().close();
                throw e;
            }
            return new DataDirLock(taken.get());
        } catch (IOException e) {
            throw cannotLock(dataDir, file, e);
        }
    }

    /** Releases the lock; the file stays, and says nothing until the next instance writes its own name. */
    @Override
    public void stop() {
        if (released.compareAndSet(false, true)) {
            lock.close();
        }
    }

    @Override
    public void start() {
        // Taken when acquired: the lock must be held before anything in the data directory is touched.
    }

    private static StartupRefusal cannotLock(Path dataDir, Path file, IOException e) {
        return new StartupRefusal("Darkroom cannot lock its data directory " + dataDir + " (" + e.getMessage()
                + "): check that " + file + " can be written, or choose another directory with --data.", e);
    }

    private static StartupRefusal inUse(Path dataDir, String holder) {
        return new StartupRefusal("The data directory " + dataDir + " is in use by another Darkroom instance ("
                + holder + "): stop that one first, or start this one with another --data. To share one data"
                + " directory, run every instance as a cluster node (" + ClusterMarker.SETTING + ").");
    }

    private static String describe(long pid, String host) {
        return "PID " + pid + " on host " + host;
    }
}
