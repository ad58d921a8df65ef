package org.darkroom.mcp;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.intake.SafePaths;

/**
 * The folders MCP callers may name paths in, for reading or for writing.
 *
 * <p>A path counts as inside only after every symbolic link in it is followed ({@link SafePaths}), so a link placed
 * in a root cannot lead out of it. Refusals name the setting to change but never the roots themselves: they are
 * server paths.
 */
final class PathRoots {
    private final String setting;
    private final String environment;
    private final boolean write;
    private final List<Path> roots;

    private PathRoots(String setting, boolean write, List<Path> roots) {
        this.setting = setting;
        this.environment = setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        this.write = write;
        this.roots = List.copyOf(roots);
    }

    static PathRoots reading(String setting, List<Path> roots) {
        return new PathRoots(setting, false, roots);
    }

    static PathRoots writing(String setting, List<Path> roots) {
        return new PathRoots(setting, true, roots);
    }

    /**
     * The real path of {@code candidate} if it exists inside a root once links are followed.
     *
     * @throws DarkroomException {@link ErrorCode#PATH_DENIED} naming {@link #setting} otherwise
     */
    Path requireInside(Path candidate, String argument) {
        if (roots.isEmpty()) {
            throw new DarkroomException(ErrorCode.PATH_DENIED, "Darkroom is not set up to " + (write ? "write" : "read")
                    + " files for MCP callers. " + (write ? "Leave out output_path to get the image back"
                    : "Send the image as url or data") + ", or have " + setting + " (" + environment
                    + ") set to the folders it may " + (write ? "write to." : "read."),
                    argument + " " + candidate + " refused: " + setting + " is empty");
        }
        try {
            return SafePaths.requireInside(candidate, roots);
        } catch (DarkroomException e) {
            throw new DarkroomException(ErrorCode.PATH_DENIED, (write ? "The folder of " + argument
                    : "The file at " + argument) + " does not exist or is outside the folders Darkroom may "
                    + (write ? "write to" : "read") + " (" + setting + "). Use a path inside them"
                    + (write ? "." : ", or send the image as url or data."),
                    argument + " " + candidate + " is not inside " + roots);
        }
    }

    /** A caller's path argument as an absolute path; relative paths would depend on where the server was started. */
    static Path absolute(String argument, String given) {
        try {
            Path path = Path.of(given);
            if (path.isAbsolute()) {
                // Not normalized: ".." after a link means the link target's parent, which toRealPath gets right.
                return path;
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new DarkroomException(ErrorCode.BAD_PARAMETER,
                "Give " + argument + " as an absolute path, such as /home/me/Pictures/photo.jpg.");
    }
}
