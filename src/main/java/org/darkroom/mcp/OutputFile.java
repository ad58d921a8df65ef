package org.darkroom.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.darkroom.flow.Choice;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.ParamSpec;
import org.darkroom.intake.ImageType;

/**
 * Where a caller asked for a result to be written: checked before any work starts, written atomically after.
 *
 * <p>The folder must resolve, links followed, inside a write root, and the name itself must not be a symbolic link
 * (writing through it would land wherever it points). The image is copied to a hidden name in the same folder and
 * then renamed over the target, so a reader never sees half a file; a rename replaces a link that appears in the
 * meantime instead of following it.
 */
final class OutputFile {
    static final String ARGUMENT = "output_path";
    private static final String FORMAT = "format";
    // Linux's NAME_MAX and PATH_MAX, in bytes: longer names fail in the file system, not as the caller's error.
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_PATH_BYTES = 4095;

    private final String given;
    private final Path directory;
    private final String name;

    private OutputFile(String given, Path directory, String name) {
        this.given = given;
        this.directory = directory;
        this.name = name;
    }

    /** Refuses a target outside the write roots, a link, or a folder; nothing is written yet. */
    static OutputFile check(String given, PathRoots roots) {
        Path path = PathRoots.absolute(ARGUMENT, given);
        Path fileName = path.getFileName();
        if (fileName == null || path.getParent() == null) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "Give output_path as a file path, such as"
                    + " /home/me/Pictures/small.jpg.");
        }
        requireHonourable(given, fileName.toString());
        Path directory = roots.requireInside(path.getParent(), ARGUMENT);
        if (!Files.isDirectory(directory)) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "The folder of output_path is a file, not a folder.");
        }
        Path target = directory.resolve(fileName.toString());
        if (Files.isSymbolicLink(target)) {
            throw new DarkroomException(ErrorCode.PATH_DENIED, "output_path is a symbolic link; Darkroom does not write"
                    + " through links. Choose another name or remove the link.", "output_path " + target + " is a link");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "output_path names a folder; give a file name.");
        }
        return new OutputFile(given, directory, fileName.toString());
    }

    /** Refuses a name the file system cannot hold, or one that does not say it is an image Darkroom writes. */
    private static void requireHonourable(String given, String name) {
        if (given.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES
                || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "output_path is too long: a file name may have at most "
                    + MAX_NAME_BYTES + " bytes and the whole path " + MAX_PATH_BYTES + ". Choose a shorter name.");
        }
        if (claimedType(name).isEmpty()) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "output_path must end in the extension of the image"
                    + " type it will hold, such as .jpg, .png or .webp.");
        }
    }

    /**
     * The parameters with {@code format} taken from the output name's extension when the caller gave none, so
     * "save it as small.webp" yields WebP; an extension the flow cannot write is refused before any work.
     */
    static Map<String, Object> withFormatFromName(FlowSpec flow, Map<String, Object> params, String given) {
        Optional<ImageType> claimed = claimedType(given);
        Optional<Choice> formats = flow.params().specs().stream().filter(spec -> spec.name().equals(FORMAT))
                .map(ParamSpec::type).filter(Choice.class::isInstance).map(Choice.class::cast).findFirst();
        if (claimed.isEmpty() || formats.isEmpty()) {
            return params;
        }
        String format = claimed.get().coder();
        if (!formats.get().values().contains(format)) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "output_path ends in a type Darkroom does not write ("
                    + claimed.get() + "). Use one of: " + String.join(", ", formats.get().values().stream()
                    .filter(value -> !value.equals("auto")).toList()) + ".");
        }
        if (params.containsKey(FORMAT)) {
            return params;
        }
        Map<String, Object> withFormat = new LinkedHashMap<>(params);
        withFormat.put(FORMAT, format);
        return withFormat;
    }

    /** Refuses a result whose type is not the one the file name claims (say, JPEG bytes in {@code out.png}). */
    void requireMatches(String mimeType) {
        claimedType(name).filter(type -> !type.mimeType().equals(mimeType)).ifPresent(type -> {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "output_path ends in a " + type + " name but the"
                    + " result is " + mimeType + ". Give output_path the matching extension, or set format.");
        });
    }

    /** Copies {@code image} beside the target under a hidden name, then renames it into place. */
    void write(Path image) {
        Path target = directory.resolve(name);
        // Not derived from the name, which may already be as long as the file system allows.
        Path staged = directory.resolve(".darkroom-" + UUID.randomUUID() + ".tmp");
        try {
            // No REPLACE_EXISTING: a file already at the random name (or a link planted there) fails the copy.
            Files.copy(image, staged);
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(staged);
            if (e instanceof AccessDeniedException) {
                throw new DarkroomException(ErrorCode.PATH_DENIED, "Darkroom may not write to the folder of"
                        + " output_path (permission denied).", "writing " + target + ": " + e, e);
            }
            throw new DarkroomException(ErrorCode.INTERNAL, "Darkroom could not write output_path. The log has the"
                    + " detail.", "writing " + target + ": " + e, e);
        }
    }

    /** The path as the caller gave it: safe to repeat back, since it is theirs. */
    String given() {
        return given;
    }

    private static Optional<ImageType> claimedType(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot <= 0 ? Optional.empty() : ImageType.fromExtension(base.substring(dot + 1));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The write already failed; a stray hidden temp file is the lesser problem.
        }
    }
}
