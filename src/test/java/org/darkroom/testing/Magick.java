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

    /**
     * Writes a PNG of equal bands side by side, left to right, each {@code bandWidth} × {@code height}, in the given
     * ImageMagick colours; e.g. {@code bands(dir, "b.png", 30, 20, "red", "lime")}.
     */
    public static Path bands(Path dir, String name, int bandWidth, int height, String... colours) {
        Path file = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("/usr/bin/convert", "-size", bandWidth + "x" + height));
        for (String colour : colours) {
            command.add("xc:" + colour);
        }
        command.addAll(List.of("+append", "png:" + file));
        run(command);
        return file;
    }

    /** Stacks images top to bottom into one PNG, e.g. two rows of {@link #bands} into four quadrants. */
    public static Path stacked(Path dir, String name, Path... rows) {
        Path file = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("/usr/bin/convert"));
        for (Path row : rows) {
            command.add(row.toString());
        }
        command.addAll(List.of("-append", "png:" + file));
        run(command);
        return file;
    }

    /** The opacity of the pixel at {@code (x, y)} in 0..255 (0 is fully transparent). */
    public static int alpha(Path image, int x, int y) {
        return Integer.parseInt(run(List.of("/usr/bin/convert", image.toString(), "-format",
                "%[fx:round(255*p{" + x + "," + y + "}.a)]", "info:")));
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
