package org.darkroom.vision.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Pillow reference values written by {@code tools/make-resample-reference.py}, and the synthetic source
 * images they were computed from.
 */
final class PillowReference {
    private PillowReference() {
    }

    /** Must match {@code source()} in the script: r = (7x + 13y) % 256, g = (x*x + 3y) % 256, b = (x ^ y) % 256. */
    static RgbImage source(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0, o = 0; y < height; y++) {
            for (int x = 0; x < width; x++, o += 3) {
                rgb[o] = (byte) ((7 * x + 13 * y) % 256);
                rgb[o + 1] = (byte) (((long) x * x + 3L * y) % 256);
                rgb[o + 2] = (byte) ((x ^ y) % 256);
            }
        }
        return new RgbImage(width, height, rgb);
    }

    static JsonNode load() {
        try (InputStream in = PillowReference.class.getResourceAsStream("/preprocess/pillow-bicubic.json")) {
            if (in == null) {
                throw new IllegalStateException("preprocess/pillow-bicubic.json missing from test resources");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
