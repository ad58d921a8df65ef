package org.darkroom.intake;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * What a caller said an input is — by file name or by content type — checked against what its bytes are.
 *
 * <p>Saying nothing is fine (no extension, no content type, {@code application/octet-stream}); saying something
 * else than the bytes is refused, because a mismatch is either a mistake the caller should hear about or an
 * attempt to smuggle one format in as another.
 */
public record DeclaredType(String name, String contentType) {
    private static final Set<String> NO_CLAIM = Set.of("", "application/octet-stream", "binary/octet-stream");
    private static final Map<String, ImageType> ALIASES = Map.ofEntries(
            Map.entry("image/jpg", ImageType.JPEG), Map.entry("image/pjpeg", ImageType.JPEG),
            Map.entry("image/x-png", ImageType.PNG), Map.entry("image/x-ms-bmp", ImageType.BMP),
            Map.entry("image/x-bmp", ImageType.BMP), Map.entry("image/heif", ImageType.HEIC),
            Map.entry("image/tif", ImageType.TIFF),
            // Each maker's raw has its own desktop type; all are the one RAW type here.
            Map.entry("image/x-adobe-dng", ImageType.RAW), Map.entry("image/dng", ImageType.RAW),
            Map.entry("image/x-canon-cr2", ImageType.RAW), Map.entry("image/x-canon-cr3", ImageType.RAW),
            Map.entry("image/x-fuji-raf", ImageType.RAW), Map.entry("image/x-nikon-nef", ImageType.RAW),
            Map.entry("image/x-nikon-nrw", ImageType.RAW), Map.entry("image/x-sony-arw", ImageType.RAW),
            Map.entry("image/x-sony-srf", ImageType.RAW), Map.entry("image/x-sony-sr2", ImageType.RAW),
            Map.entry("image/x-pentax-pef", ImageType.RAW), Map.entry("image/x-olympus-orf", ImageType.RAW),
            Map.entry("image/x-panasonic-rw2", ImageType.RAW));

    public static DeclaredType name(String name) {
        return new DeclaredType(name, null);
    }

    public static DeclaredType none() {
        return new DeclaredType(null, null);
    }

    /** Refuses with {@link ErrorCode#TYPE_MISMATCH} when the name or content type claims another type. */
    void requireMatches(ImageType actual) {
        extension().filter(ext -> !actual.matchesExtension(ext)).ifPresent(ext -> {
            throw new DarkroomException(ErrorCode.TYPE_MISMATCH, "The name ends in '." + ext + "' but the bytes are "
                    + actual + ". Rename the file to end in '." + actual.extension() + "' or send the right file.");
        });
        mediaType().filter(type -> !type.equals(actual.mimeType()) && ALIASES.get(type) != actual).ifPresent(type -> {
            throw new DarkroomException(ErrorCode.TYPE_MISMATCH, "The content type says '" + type
                    + "' but the bytes are " + actual + ". Send it as " + actual.mimeType() + " or send the right file.");
        });
    }

    /** The extension the name claims, lower case, if it has one. */
    Optional<String> extension() {
        if (name == null) {
            return Optional.empty();
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot <= 0 || dot == base.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(base.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private Optional<String> mediaType() {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return NO_CLAIM.contains(type) ? Optional.empty() : Optional.of(type);
    }
}
