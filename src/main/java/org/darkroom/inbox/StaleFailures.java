package org.darkroom.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Clears an earlier failure of a name that has now succeeded, so {@code failed/} lists only what is still failed.
 *
 * <p>The old input goes first and its error record last: were the process to die in between, what remains is a
 * record without an input, never an input without the record that says why it failed.
 */
final class StaleFailures {
    private StaleFailures() {
    }

    static void clear(Path failedDir, String name) {
        try {
            FailedNames names = FailedNames.of(name);
            Files.deleteIfExists(failedDir.resolve(names.stored()));
            Files.deleteIfExists(failedDir.resolve(names.record()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear the earlier failure of " + name, e);
        }
    }
}
