package org.darkroom.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** The SHA-256 (lower-case hex) and byte size of a file: together they identify a bundle. */
public record FileDigest(String sha256, long size) {
    /** Large reads: hashing a 660 MB bundle is bound by the digest, not by system calls. */
    static final int BUFFER_BYTES = 1 << 20;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public FileDigest {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
    }

    /** Reads {@code file} once, start to end. */
    public static FileDigest of(Path file) throws IOException {
        Sha256Counter counter = new Sha256Counter();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                counter.update(buffer, 0, n);
            }
        }
        return counter.result();
    }

    static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /** What a user typed as a SHA-256 (any case, surrounding blanks), or null when it is not one. */
    static String normalise(String text) {
        String candidate = text.strip().toLowerCase(Locale.ROOT);
        return isSha256(candidate) ? candidate : null;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
