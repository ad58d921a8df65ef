package org.darkroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The committed tiny Moondream bundle (tools/make-tiny-moondream.py), and the settings that make a test Darkroom
 * load it: a bundle the manifest does not list, so it comes with its SHA-256 like any hand-copied bundle.
 */
public final class TinyModel {
    private TinyModel() {
    }

    public static Path bundle(String name) {
        try {
            return Path.of(TinyModel.class.getResource("/moondream/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of {@code tiny.mf} as the generator recorded it in {@code tiny.mf.sha256}. */
    public static String sha256() {
        return sha256("tiny.mf");
    }

    /** The SHA-256 of one of the generator's files ({@code tiny.mf}, {@code tiny-bench.mf.gz}, …). */
    public static String sha256(String name) {
        try {
            for (String line : Files.readAllLines(bundle("tiny.mf.sha256"))) {
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

    /** Settings loading {@code tiny.mf}. */
    public static Map<String, String> settings() {
        return settings("tiny.mf");
    }

    /** Settings loading the generator's bundle {@code name}, e.g. {@code tiny-bench.mf.gz}. */
    public static Map<String, String> settings(String name) {
        return Map.of("darkroom.model", bundle(name).toString(), "darkroom.model-sha256", sha256(name));
    }
}
