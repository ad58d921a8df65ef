package org.darkroom.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Puts finished files in place so that a reader sees either nothing or the whole file, never a part of it.
 *
 * <p>A rename within one file system is atomic; when the source lives elsewhere the bytes are first copied to a
 * hidden name beside the target (which the inbox scanners ignore), then renamed.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void moveInto(Path source, Path target) {
        try {
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // A name of its own, short whatever the target's length: two commits never share one.
                Path staged = Files.createTempFile(target.getParent(), ".darkroom-", ".tmp");
                try {
                    Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    removeQuietly(staged);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not commit " + target, e);
        }
    }

    /** Writes {@code content} in {@code stagingDir} (on the target's file system), then renames it into place. */
    static void write(byte[] content, Path stagingDir, Path target) {
        Path staged = null;
        try {
            // Unique: two inboxes may write records of the same name at the same moment. Created and written
            // through one open (createTempFile and then write would open it twice).
            staged = stagingDir.resolve("record-" + UUID.randomUUID() + ".staged");
            Files.write(staged, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            moveInto(staged, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stage " + target, e);
        } finally {
            // A full disk leaves a short staged file behind a failed write; nothing half-written may stay.
            if (staged != null) {
                removeQuietly(staged);
            }
        }
    }

    private static void removeQuietly(Path staged) {
        try {
            Files.deleteIfExists(staged);
        } catch (IOException e) {
            // Left for the work area's clean-up at the next start; the failure that brought us here matters more.
        }
    }
}
