package org.darkroom.intake;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** Tells an allowed image type from a file's leading bytes (magic numbers) alone; names are never consulted. */
public final class TypeSniffer {
    /** How many leading bytes {@link #sniff} looks at; fewer is fine for a shorter file. */
    public static final int HEAD_BYTES = 256;

    // The BITMAP*HEADER sizes Windows and OS/2 define; two ASCII letters "BM" alone are far too common in text.
    private static final Set<Long> BMP_INFO_HEADER_SIZES = Set.of(12L, 40L, 52L, 56L, 64L, 108L, 124L);
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis");
    private static final Set<String> HEIF_GENERIC_BRANDS = Set.of("mif1", "msf1");

    private TypeSniffer() {
    }

    /**
     * The type {@code head}'s first {@code length} bytes show, or empty for anything outside the allowlist
     * (MVG, MSL, PDF, PostScript, text and every other format ImageMagick could otherwise be talked into).
     *
     * <p>XML markup at the start (after an optional byte-order mark and white space) and gzip data are
     * {@link ImageType#SVG} candidates only: the header reader then requires a root element {@code svg}. Neither
     * ever reaches ImageMagick. A TIFF may turn out to be a camera raw once its directories are read
     * ({@link RawParser}); the makers' own TIFF-like magic numbers (ORF, RW2) are {@link ImageType#RAW} at once.
     */
    public static Optional<ImageType> sniff(byte[] head, int length) {
        if (head == null || length <= 0) {
            return Optional.empty();
        }
        int n = Math.min(length, head.length);
        if (starts(head, n, 0xff, 0xd8, 0xff)) {
            return Optional.of(ImageType.JPEG);
        }
        if (starts(head, n, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return Optional.of(ImageType.PNG);
        }
        if (ascii(head, n, 0, "GIF87a") || ascii(head, n, 0, "GIF89a")) {
            return Optional.of(ImageType.GIF);
        }
        if (ascii(head, n, 0, "RIFF") && ascii(head, n, 8, "WEBP")) {
            return Optional.of(ImageType.WEBP);
        }
        if (RawParser.hasRawMagic(head, n) || ascii(head, n, 0, RafParser.MAGIC)) {
            return Optional.of(ImageType.RAW);
        }
        if (starts(head, n, 0xff, 0x0a) || starts(head, n, JxlParser.CONTAINER_SIGNATURE)) {
            return Optional.of(ImageType.JXL);
        }
        if (starts(head, n, 'I', 'I', 42, 0) || starts(head, n, 'M', 'M', 0, 42)
                || starts(head, n, 'I', 'I', 43, 0) || starts(head, n, 'M', 'M', 0, 43)) {
            return Optional.of(ImageType.TIFF);
        }
        if (ascii(head, n, 0, "BM") && n >= 18 && isBmpInfoHeaderSize(u32le(head, 14))) {
            return Optional.of(ImageType.BMP);
        }
        if (ascii(head, n, 4, "ftyp")) {
            return isoBrand(head, n);
        }
        if (starts(head, n, 0x1f, 0x8b, 0x08) || startsWithMarkup(head, n)) {
            return Optional.of(ImageType.SVG);
        }
        return Optional.empty();
    }

    private static boolean startsWithMarkup(byte[] head, int n) {
        int at = starts(head, n, 0xef, 0xbb, 0xbf) ? 3 : 0;
        while (at < n && (head[at] == ' ' || head[at] == '\t' || head[at] == '\r' || head[at] == '\n')) {
            at++;
        }
        return ascii(head, n, at, "<?xml") || ascii(head, n, at, "<svg") || ascii(head, n, at, "<!--")
                || ascii(head, n, at, "<!DOCTYPE");
    }

    static boolean isBmpInfoHeaderSize(long size) {
        return BMP_INFO_HEADER_SIZES.contains(size);
    }

    // The major brand decides; a generic HEIF major brand (mif1, msf1) defers to the compatible brands.
    private static Optional<ImageType> isoBrand(byte[] head, int n) {
        long boxSize = u32be(head, 0);
        if (boxSize == 0) {
            boxSize = n;
        }
        if (boxSize < 16 || n < 12) {
            return Optional.empty();
        }
        int end = (int) Math.min(boxSize, n);
        String major = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
        Optional<ImageType> direct = brand(major);
        if (direct.isPresent()) {
            return direct;
        }
        for (int pos = 16; pos + 4 <= end; pos += 4) {
            Optional<ImageType> compatible = brand(new String(head, pos, 4, StandardCharsets.ISO_8859_1));
            if (compatible.isPresent()) {
                return compatible;
            }
        }
        return HEIF_GENERIC_BRANDS.contains(major) ? Optional.of(ImageType.HEIC) : Optional.empty();
    }

    private static Optional<ImageType> brand(String brand) {
        if (Cr3Parser.BRAND.equals(brand)) {
            return Optional.of(ImageType.RAW);
        }
        if (AVIF_BRANDS.contains(brand)) {
            return Optional.of(ImageType.AVIF);
        }
        return HEIC_BRANDS.contains(brand) ? Optional.of(ImageType.HEIC) : Optional.empty();
    }

    private static boolean starts(byte[] head, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int n, int offset, String text) {
        if (n < offset + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (head[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long u32le(byte[] b, int pos) {
        return (b[pos] & 0xffL) | (b[pos + 1] & 0xffL) << 8 | (b[pos + 2] & 0xffL) << 16 | (b[pos + 3] & 0xffL) << 24;
    }

    private static long u32be(byte[] b, int pos) {
        return (b[pos] & 0xffL) << 24 | (b[pos + 1] & 0xffL) << 16 | (b[pos + 2] & 0xffL) << 8 | (b[pos + 3] & 0xffL);
    }
}
