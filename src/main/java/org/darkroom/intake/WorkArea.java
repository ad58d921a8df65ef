package org.darkroom.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * This process's own directory in the work area, where all its job directories live.
 *
 * <p>The work area sits under the data directory, beside the outboxes, so finished outputs move there by an atomic
 * rename. Several processes may use it (a later cluster mode shares one data directory), so each claims its own
 * subdirectory and holds an operating-system lock on a file inside it for as long as it lives. A start removes
 * the subdirectories whose lock it can take: their owner died without cleaning up (a restarted job starts again
 * from its input, so nothing in them is needed). A live owner's subdirectory is never touched. Stopping the
 * service removes its own subdirectory.
 */
public final class WorkArea implements AutoCloseable {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR = PosixFilePermissions.asFileAttribute(PRIVATE);
    private static final int CLAIM_ATTEMPTS = 5;
    /** The file in each process's directory whose lock says that the process lives. */
    static final String OWNER_LOCK = "owner.lock";

    private final Path root;
    private final ProcessLock lock;

    private WorkArea(Path root, ProcessLock lock) {
        this.root = root;
        this.lock = lock;
    }

    /** The work area of a data directory: beside the outboxes, on the same file system, so results reach them by rename. */
    public static Path in(Path dataDir) {
        return dataDir.resolve(".work");
    }

    /**
     * Removes what dead runs left in {@code area}, then claims a new private subdirectory of it for this process.
     */
    public static WorkArea claim(Path area) {
        try {
            Files.createDirectories(area);
            Files.setPosixFilePermissions(area, PRIVATE);
            DeadRuns.sweep(area);
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                Path dir = area.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
                Files.createDirectory(dir, PRIVATE_DIR);
                // Another process starting at the same moment may sweep the new directory before it is locked
                // (a directory without a held lock looks dead); then try again under a new name.
                Optional<ProcessLock> lock = ProcessLock.tryTake(dir.resolve(OWNER_LOCK));
                if (lock.isPresent() && lock.get().stillInPlace()) {
                    return new WorkArea(dir, lock.get());
                }
                lock.ifPresent(ProcessLock::close);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not set up the work area " + area, e);
        }
        throw new IllegalStateException("Could not claim a directory in the work area " + area
                + ": it was removed under this process " + CLAIM_ATTEMPTS + " times.");
    }

    public JobDir newJob() {
        Path dir = root.resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create job directory in " + root, e);
        }
        return new JobDir(dir);
    }

    /** This process's directory: job directories, ImageMagick's temporary files and staged records go here. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        release();
    }

    /** Removes this process's directory, then gives up its lock (in that order, so no one sweeps it meanwhile). */
    public void release() {
        try {
            JobDir.deleteTree(root);
        } finally {
            lock.close();
        }
    }
}
