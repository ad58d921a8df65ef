package org.darkroom.intake;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The allowlist of image types Darkroom accepts, with the names ImageMagick and the web use for each. */
public enum ImageType {
    JPEG("jpeg", "image/jpeg", "jpg", Set.of("jpg", "jpeg", "jpe", "jfif")),
    PNG("png", "image/png", "png", Set.of("png")),
    GIF("gif", "image/gif", "gif", Set.of("gif")),
    WEBP("webp", "image/webp", "webp", Set.of("webp")),
    TIFF("tiff", "image/tiff", "tiff", Set.of("tif", "tiff")),
    BMP("bmp", "image/bmp", "bmp", Set.of("bmp", "dib")),
    HEIC("heic", "image/heic", "heic", Set.of("heic", "heif")),
    AVIF("avif", "image/avif", "avif", Set.of("avif")),
    /**
     * Accepted as an input only, and never handed to ImageMagick (whose SVG coders the policy denies): a separate
     * renderer turns it into a PNG first ({@code magick/SvgRendering}). Its coder name is for records alone.
     */
    SVG("svg", "image/svg+xml", "svg", Set.of("svg", "svgz")),
    /**
     * A camera's raw sensor data (DNG, the TIFF-structured makers' formats, CR3, RAF), input only: LibRaw develops
     * it to plain pixels first ({@code magick/tools}). {@code image/x-dcraw} is the shared desktop type for them all.
     */
    RAW("raw", "image/x-dcraw", "dng", Set.of("dng", "cr2", "cr3", "nef", "nrw", "arw", "srf", "sr2", "pef", "orf",
            "rw2", "raf")),
    /** JPEG XL: ImageMagick 6 has no coder for it, so libjxl's own tools decode and encode it. */
    JXL("jxl", "image/jxl", "jxl", Set.of("jxl"));

    private final String coder;
    private final String mimeType;
    private final String extension;
    private final Set<String> extensions;

    ImageType(String coder, String mimeType, String extension, Set<String> extensions) {
        this.coder = coder;
        this.mimeType = mimeType;
        this.extension = extension;
        this.extensions = extensions;
    }

    /** The ImageMagick coder prefix, as in {@code png:/path}; always explicit so ImageMagick never guesses. */
    public String coder() {
        return coder;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The extension Darkroom gives outputs of this type. */
    public String extension() {
        return extension;
    }

    /** Whether a file name extension (without the dot, any case) is one this type is commonly saved under. */
    public boolean matchesExtension(String ext) {
        String normal = normalise(ext);
        return normal != null && extensions.contains(normal);
    }

    /** The type a file name extension claims, with or without its leading dot; empty for anything else. */
    public static Optional<ImageType> fromExtension(String ext) {
        String normal = normalise(ext != null && ext.startsWith(".") ? ext.substring(1) : ext);
        if (normal == null) {
            return Optional.empty();
        }
        for (ImageType type : values()) {
            if (type.extensions.contains(normal)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type a format parameter names: a type name such as {@code jpeg} or any of its extensions, any case. */
    public static Optional<ImageType> fromName(String name) {
        String normal = normalise(name);
        if (normal == null) {
            return Optional.empty();
        }
        for (ImageType type : values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(normal) || type.extensions.contains(normal)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether ImageMagick never reads this type itself: an outside decoder turns it into plain pixels first. */
    public boolean decodedOutside() {
        return this == SVG || this == RAW || this == JXL;
    }

    // ASCII only: case-folding rules outside ASCII (dotless i, Kelvin sign) would let odd spellings match.
    private static String normalise(String s) {
        if (s == null || s.isEmpty() || s.length() > 8) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return null;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
