package org.darkroom.vision.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed tiny test bundle and a manifest, written where a test wants it, that lists its .gz as "tiny". */
final class TinyBundle {
    static final String NAME = "tiny";
    static final String GZ = "tiny.mf.gz";
    static final String MF = "tiny.mf";

    private TinyBundle() {
    }

    static Path resource(String name) {
        try {
            return Path.of(TinyBundle.class.getResource("/moondream/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of {@code name} as committed in tiny.mf.sha256, not as computed by the code under test. */
    static String sha256(String name) {
        try {
            for (String line : Files.readAllLines(resource("tiny.mf.sha256"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 2 && fields[1].equals(name)) {
                    return fields[0];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("tiny.mf.sha256 has no line for " + name);
    }

    /** Writes a manifest listing tiny.mf.gz with its real size and SHA-256 into {@code dir}. */
    static Path writeManifest(Path dir) throws IOException {
        String json = """
                {"bundles": {"%s": {
                  "file": "%s",
                  "url": "https://example.invalid/moondream/%s",
                  "size": %d,
                  "sha256": "%s",
                  "unpacked": "%s"}}}
                """.formatted(NAME, GZ, GZ, bytes(GZ).length, sha256(GZ), MF);
        return Files.writeString(dir.resolve("manifest.json"), json);
    }
}
