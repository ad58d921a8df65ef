package org.darkroom.magick;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** ImageMagick's stderr as camel-exec hands it over, read in bounded form and shortened for one log line. */
public final class ProcessText {
    private static final int MAX_READ = 64 * 1024;
    private static final int MAX_LOGGED = 2000;

    private ProcessText() {
    }

    /** Up to 64 KiB of {@code stream} as text; empty when there is none or it cannot be read. */
    public static String read(InputStream stream) {
        if (stream == null) {
            return "";
        }
        try (stream) {
            return new String(stream.readNBytes(MAX_READ), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code text} on one line, cut at 2000 characters. */
    public static String abbreviate(String text) {
        String flat = text.strip().replace('\n', ' ');
        return flat.length() <= MAX_LOGGED ? flat : flat.substring(0, MAX_LOGGED) + "…";
    }
}
