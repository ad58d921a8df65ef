package org.darkroom.vision.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writing fetched files. Local failures get their own message: "check the network" would send the user the
 * wrong way when the disk is full.
 */
final class FetchFiles {
    private FetchFiles() {
    }

    /** Where {@code file} is written until it is complete and verified; renamed (or deleted) afterwards. */
    static Path partOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    static OutputStream openForWriting(Path target) throws FetchFailure {
        try {
            return Files.newOutputStream(target);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    static void write(OutputStream out, byte[] buffer, int length, Path target) throws FetchFailure {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    static FetchFailure cannotWrite(Path target, IOException e) {
        return new FetchFailure("Cannot write " + target + " (" + describe(e) + "): check that the folder is "
                + "writable and has room (the 2B bundle needs about 3.8 GB while it is unpacked), then run "
                + "./darkroom fetch-model again.", e);
    }

    /** Best effort: called while already failing, so a second error must not hide the first. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the first failure's message is what the user needs; a leftover .part is overwritten next time
        }
    }

    /** The JDK's HTTP client often throws with no message (a bare ConnectException); the cause then says why. */
    static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t == e ? t.getMessage() : name + ": " + t.getMessage();
            }
        }
        return name;
    }
}
