package org.darkroom.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data directory made ready to use: created if missing, resolved to its real path, and writable. */
public final class DataDirectory {
    private DataDirectory() {
    }

    /**
     * Returns the real path of {@code dir} (ImageMagick's policy refuses paths through symbolic links).
     *
     * @throws StartupRefusal naming the directory when it cannot be created or written
     */
    public static Path open(Path dir) {
        try {
            Path real = Files.createDirectories(dir).toRealPath();
            if (!Files.isWritable(real) || !Files.isReadable(real)) {
                throw refusal(dir, "this user may not read and write it");
            }
            return real;
        } catch (IOException e) {
            throw refusal(dir, why(e));
        }
    }

    private static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof java.nio.file.FileSystemException failure && failure.getReason() != null) {
            return failure.getReason();
        }
        return e.getClass().getSimpleName();
    }

    private static StartupRefusal refusal(Path dir, String why) {
        return new StartupRefusal("The data directory " + dir + " cannot be used (" + why
                + "): choose another with --data or DARKROOM_DATA, or fix its permissions.");
    }
}
