package org.darkroom.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * The root of all job directories; it lives beside the outboxes so finished outputs move there by an atomic rename.
 *
 * <p>Anything left here by a crash is stale by definition (a restarted job starts again from its input), so the
 * area is emptied when the service starts.
 */
public final class WorkArea {
    private final Path root;

    public WorkArea(Path root) {
        this.root = root;
    }

    /** Empties and recreates the area, readable by this user only. */
    public void reset() {
        JobDir.deleteTree(root);
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create work area " + root, e);
        }
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

    public Path root() {
        return root;
    }
}
