package org.darkroom.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A private directory for one job, named by the server and deleted with everything in it when closed. */
public final class JobDir implements AutoCloseable {
    private final Path path;

    JobDir(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** A path inside this directory for a server-chosen name. */
    public Path file(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        deleteTree(path);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clean work directory " + root, e);
        }
    }
}
