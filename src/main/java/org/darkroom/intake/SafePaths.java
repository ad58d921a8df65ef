package org.darkroom.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/** Resolves caller-given paths so that, after following every symlink, they stay inside allowed roots. */
public final class SafePaths {
    private SafePaths() {
    }

    /**
     * The real path of {@code candidate}, if it lies inside one of {@code roots} once symlinks are followed.
     *
     * @throws DarkroomException {@link ErrorCode#PATH_DENIED} when it escapes or does not exist
     */
    public static Path requireInside(Path candidate, List<Path> roots) {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw denied();
        }
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return real;
                }
            } catch (IOException e) {
                // A root that does not exist admits nothing; try the others.
            }
        }
        throw denied();
    }

    /** Whether a link or file's real location is inside {@code root}; false for dangling links. */
    public static boolean isInside(Path candidate, Path root) {
        try {
            return Files.exists(candidate) && candidate.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static DarkroomException denied() {
        return new DarkroomException(ErrorCode.PATH_DENIED);
    }
}
