package org.darkroom.magick;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Finds the ImageMagick binary: a configured path, else IM7's {@code magick}, else IM6's {@code convert}.
 *
 * <p>Package-manager locations are tried before {@code PATH}, so a wrapper script earlier on {@code PATH} (which
 * would add its own start-up cost to every call) does not shadow the real binary. Both binaries take the same
 * {@code convert}-style arguments Darkroom builds.
 */
public final class MagickBinary {
    private static final List<String> SYSTEM_LOCATIONS = List.of("/usr/bin/magick", "/usr/bin/convert");
    private static final List<String> PATH_NAMES = List.of("magick", "convert");

    private MagickBinary() {
    }

    /** The binary to use, or a start-up error that says what to install or configure. */
    public static Path find(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            if (!Files.isExecutable(path)) {
                throw new DarkroomException(ErrorCode.INTERNAL, "darkroom.magick.binary is set to " + path
                        + ", which is not an executable file. Point it at ImageMagick's magick or convert.");
            }
            return path;
        }
        return candidates().stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new DarkroomException(ErrorCode.INTERNAL, "ImageMagick was not found (looked for magick and convert"
                        + " in /usr/bin and on PATH). Install it (sudo apt-get install imagemagick) or set"
                        + " darkroom.magick.binary."));
    }

    /**
     * The start of a command line that runs ImageMagick's {@code mogrify} for {@code binary}: IM7's
     * {@code magick mogrify}, or IM6's {@code mogrify} beside its {@code convert} (/usr/bin/mogrify for
     * /usr/bin/convert). Empty when there is none, or when {@code binary} is neither: batches then run alone.
     */
    public static Optional<List<String>> mogrify(Path binary) {
        String name = binary.getFileName().toString();
        if (name.equals("magick")) {
            return Optional.of(List.of(binary.toString(), "mogrify"));
        }
        Path mogrify = binary.resolveSibling("mogrify");
        return name.equals("convert") && Files.isExecutable(mogrify)
                ? Optional.of(List.of(mogrify.toString())) : Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        SYSTEM_LOCATIONS.forEach(location -> candidates.add(Path.of(location)));
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : PATH_NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        return candidates;
    }
}
