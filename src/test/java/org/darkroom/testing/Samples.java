package org.darkroom.testing;

import java.nio.file.Path;

/** The committed sample images (see samples/README.md). */
public final class Samples {
    private Samples() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("darkroom.project.dir", "")).toAbsolutePath();
    }

    public static Path get(String name) {
        return projectDir().resolve("samples").resolve(name);
    }
}
