package org.darkroom.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test images made, and pixels read back, with the system's ImageMagick (not Darkroom's code under test). */
public final class Magick {
    private Magick() {
    }

    /**
     * Writes a {@code width} × {@code height} image of an ImageMagick pattern, e.g. {@code gradient:red-blue} or
     * {@code plasma:fractal}; {@code seed} makes random patterns repeatable.
     */
    public static Path make(Path dir, String name, int width, int height, String pattern, int seed) {
        Path file = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("/usr/bin/convert", "-seed", Integer.toString(seed),
                "-size", width + "x" + height, pattern, file.toString()));
        run(command);
        return file;
    }

    /** The pixel at {@code (x, y)} as {@code "r,g,b"} in 0..255. */
    public static String pixel(Path image, int x, int y) {
        String p = "p{" + x + "," + y + "}";
        return run(List.of("/usr/bin/convert", image.toString(), "-format",
                "%[fx:round(255*" + p + ".r)],%[fx:round(255*" + p + ".g)],%[fx:round(255*" + p + ".b)]", "info:"));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
