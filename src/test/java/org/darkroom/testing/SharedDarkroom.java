package org.darkroom.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Darkroom for all the tests of a class, on a private data directory that is removed afterwards: register it as
 * a static field with {@code @RegisterExtension} and the settings the class needs.
 */
public final class SharedDarkroom implements BeforeAllCallback, AfterAllCallback {
    /** Prepares the class's folder (roots, sample files) and says the settings that use it. */
    @FunctionalInterface
    public interface Setup {
        Map<String, String> settings(Path dir) throws Exception;
    }

    private final Setup setup;
    private Path dir;
    private RunningDarkroom darkroom;

    public SharedDarkroom(Map<String, String> settings) {
        this(dir -> settings);
    }

    public SharedDarkroom(Setup setup) {
        this.setup = setup;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("darkroom-test-");
        darkroom = RunningDarkroom.start(dir.resolve("data"), setup.settings(dir));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (darkroom != null) {
                darkroom.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    public RunningDarkroom darkroom() {
        return darkroom;
    }

    public HttpClientSupport http() {
        return darkroom.http();
    }

    /** A folder of this class's own, next to the data directory, for files a test makes. */
    public Path dir() {
        return dir;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
