package org.darkroom.vision.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 and length of bytes fed in pieces, so a download or an unpack is checked in the same pass that
 * writes it instead of reading a file of hundreds of megabytes a second time.
 */
final class Sha256Counter {
    private final MessageDigest sha256;
    private long size;

    Sha256Counter() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    void update(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
        size += length;
    }

    long size() {
        return size;
    }

    /** The digest of everything fed so far; the counter is spent afterwards. */
    FileDigest result() {
        return new FileDigest(FileDigest.hex(sha256.digest()), size);
    }
}
