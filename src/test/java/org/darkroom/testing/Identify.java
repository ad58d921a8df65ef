package org.darkroom.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads an image back with ImageMagick's own identify (system policy, not Darkroom's code), so tests check outputs
 * independently of the header reader under test.
 */
public record Identify(String format, int width, int height, int frames) {

    public static Identify of(Path image) {
        try {
            Process process = new ProcessBuilder("/usr/bin/identify", "-format", "%m %w %h\\n", image.toString())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("identify failed on " + image + ": " + out);
            }
            String[] lines = out.split("\n");
            String[] first = lines[0].trim().split(" ");
            return new Identify(first[0], Integer.parseInt(first[1]), Integer.parseInt(first[2]), lines.length);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
