package org.darkroom.intake;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a camera raw file from a plain TIFF by its directory structure, and reads the size of the raw image itself.
 *
 * <p>DNG, CR2, NEF, ARW, PEF, ORF and RW2 are all TIFF directories underneath (ORF and RW2 with their own magic
 * number). A file is raw when it says so: a {@code DNGVersion} tag, Canon's {@code CR} marker, an ORF or RW2
 * magic, or a directory holding sensor data (a CFA or LinearRaw photometric, or a maker's raw compression). Its
 * size is the raw image's (the DNG main image, the CFA directory), never an embedded preview's; the limit applies
 * to the largest directory of all, so a small main image cannot hide a huge one. Every directory's strips must lie
 * inside the file: a raw cut short is refused here instead of developed into a half-black picture.
 */
final class RawParser {
    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int COMPRESSION = 259;
    private static final int PHOTOMETRIC = 262;
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int SUB_IFDS = 330;
    private static final int DNG_VERSION = 50706;
    // Panasonic's RW2 has no ImageWidth: its sensor size sits in tags 2 and 3 of its first directory.
    private static final int RW2_SENSOR_WIDTH = 2;
    private static final int RW2_SENSOR_HEIGHT = 3;
    private static final Set<Integer> SENSOR_PHOTOMETRICS = Set.of(32803, 34892);
    // Nikon's NEF compression, Sony's ARW, Kodak's and Pentax's: values no plain TIFF writer uses.
    private static final Set<Integer> RAW_COMPRESSIONS = Set.of(34713, 32767, 32769, 32770, 65000, 65535);
    // Real raw files have a handful of directories of a few dozen tags; strips per image are at most a few thousand.
    private static final int MAX_DIRECTORIES = 64;
    private static final int MAX_ENTRIES = 4096;
    private static final long MAX_PIECES = 1 << 20;

    private RawParser() {
    }

    /** Whether a file that begins with these bytes has a raw maker's own TIFF-like magic (ORF, RW2). */
    static boolean hasRawMagic(byte[] head, int n) {
        return n >= 4 && (matches(head, "IIRO") || matches(head, "IIRS") || matches(head, "MMOR")
                || matches(head, "IIU\0"));
    }

    /**
     * The raw header of a TIFF-structured file, or empty when it is a plain TIFF.
     *
     * @throws BadHeaderException when the directories are unreadable, a raw holds no sized image, or its data
     *                            lies past the end of the file
     */
    static Optional<ImageHeader> read(HeaderInput in) throws IOException, BadHeaderException {
        boolean le = in.u8(0) == 'I';
        int magic = in.u16(2, le);
        if (magic == 43) {
            return Optional.empty(); // BigTIFF: no camera writes one
        }
        boolean rw2 = magic == 0x55;
        boolean raw = rw2 || magic == 0x4f52 || magic == 0x5352 || (in.has(8, 2) && in.u8(8) == 'C' && in.u8(9) == 'R');
        Deque<Long> pending = new ArrayDeque<>();
        pending.add(in.u32(4, le));
        Set<Long> seen = new HashSet<>();
        Directory main = null;
        Directory largest = null;
        while (!pending.isEmpty()) {
            long offset = pending.poll();
            if (offset == 0) {
                continue;
            }
            Directory dir;
            try {
                if (!seen.add(offset) || seen.size() > MAX_DIRECTORIES) {
                    throw new BadHeaderException("TIFF directories loop or exceed " + MAX_DIRECTORIES);
                }
                dir = Directory.read(in, offset, le, rw2, pending);
                raw |= dir.dngVersion || dir.holdsSensorData();
                dir.requireDataInside(in, le);
            } catch (BadHeaderException e) {
                // Only a raw is held to a raw's rules: a plain TIFF (a 65-page scan, say) is TiffParser's to judge.
                if (raw) {
                    throw e;
                }
                return Optional.empty();
            }
            if (dir.width > 0 && dir.height > 0) {
                if (largest == null || dir.pixels() > largest.pixels()) {
                    largest = dir;
                }
                if (main == null && dir.isMainImage()) {
                    main = dir;
                }
            }
        }
        if (!raw) {
            return Optional.empty();
        }
        Directory image = main != null ? main : largest;
        if (image == null) {
            throw new BadHeaderException("raw file with no sized image directory");
        }
        int width = HeaderInput.dimension(image.width, "raw width");
        int height = HeaderInput.dimension(image.height, "raw height");
        return Optional.of(new ImageHeader(ImageType.RAW, width, height, 1,
                Math.max(largest.pixels(), (long) width * height),
                HeaderInput.dimension(Math.max(largest.width, width), "raw width"),
                HeaderInput.dimension(Math.max(largest.height, height), "raw height")));
    }

    private static boolean matches(byte[] head, String magic) {
        for (int i = 0; i < magic.length(); i++) {
            if (head[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** What one directory says about the image it describes. */
    private static final class Directory {
        long width;
        long height;
        long subfileType;
        int photometric;
        int compression;
        boolean dngVersion;
        final Pieces strips = new Pieces();
        final Pieces tiles = new Pieces();

        void requireDataInside(HeaderInput in, boolean le) throws IOException, BadHeaderException {
            strips.requireInside(in, le);
            tiles.requireInside(in, le);
        }

        long pixels() {
            return width * height;
        }

        boolean holdsSensorData() {
            return SENSOR_PHOTOMETRICS.contains(photometric) || RAW_COMPRESSIONS.contains(compression);
        }

        // The main image: full resolution (not a preview or a reduced copy), and sensor data, not a rendering.
        boolean isMainImage() {
            return subfileType == 0 && holdsSensorData();
        }

        static Directory read(HeaderInput in, long offset, boolean le, boolean rw2, Deque<Long> pending)
                throws IOException, BadHeaderException {
            int count = in.u16(offset, le);
            if (count > MAX_ENTRIES) {
                throw new BadHeaderException("TIFF directory with " + count + " entries");
            }
            Directory dir = new Directory();
            for (int i = 0; i < count; i++) {
                long entry = offset + 2 + 12L * i;
                int tag = in.u16(entry, le);
                switch (tag) {
                    case IMAGE_WIDTH -> dir.width = first(in, entry, le);
                    case IMAGE_LENGTH -> dir.height = first(in, entry, le);
                    case NEW_SUBFILE_TYPE -> dir.subfileType = first(in, entry, le);
                    case PHOTOMETRIC -> dir.photometric = (int) first(in, entry, le);
                    case COMPRESSION -> dir.compression = (int) first(in, entry, le);
                    case DNG_VERSION -> dir.dngVersion = true;
                    case STRIP_OFFSETS -> dir.strips.offsets = entry;
                    case STRIP_BYTE_COUNTS -> dir.strips.counts = entry;
                    case TILE_OFFSETS -> dir.tiles.offsets = entry;
                    case TILE_BYTE_COUNTS -> dir.tiles.counts = entry;
                    case SUB_IFDS -> values(in, entry, le, pending::add);
                    case RW2_SENSOR_WIDTH -> dir.width = rw2 ? first(in, entry, le) : dir.width;
                    case RW2_SENSOR_HEIGHT -> dir.height = rw2 ? first(in, entry, le) : dir.height;
                    default -> {
                        // every other tag is metadata the developer reads for itself
                    }
                }
            }
            pending.add(in.u32(offset + 2 + 12L * count, le));
            return dir;
        }
    }

    /** A directory's strip or tile table: every piece must end inside the file. */
    private static final class Pieces {
        long offsets = -1;
        long counts = -1;

        void requireInside(HeaderInput in, boolean le) throws IOException, BadHeaderException {
            if (offsets < 0 || counts < 0) {
                return;
            }
            long[] starts = all(in, offsets, le);
            long[] lengths = all(in, counts, le);
            if (starts.length != lengths.length) {
                throw new BadHeaderException("TIFF strip table with " + starts.length + " offsets and "
                        + lengths.length + " counts");
            }
            for (int i = 0; i < starts.length; i++) {
                if (!in.has(starts[i], lengths[i])) {
                    throw new BadHeaderException("image data cut short: piece " + i + " needs " + lengths[i]
                            + " bytes at " + starts[i] + " of a " + in.size() + "-byte file");
                }
            }
        }
    }

    private static long[] all(HeaderInput in, long entry, boolean le) throws IOException, BadHeaderException {
        long count = in.u32(entry + 4, le);
        if (count > MAX_PIECES) {
            throw new BadHeaderException("TIFF table of " + count + " values");
        }
        long[] values = new long[(int) count];
        int[] next = {0};
        values(in, entry, le, value -> values[next[0]++] = value);
        return values;
    }

    /** Sink for a tag's values, in order. */
    private interface Values {
        void accept(long value);
    }

    // A tag's values sit in the entry when they fit in its four bytes, else at the offset it holds.
    private static void values(HeaderInput in, long entry, boolean le, Values sink)
            throws IOException, BadHeaderException {
        int type = in.u16(entry + 2, le);
        long count = in.u32(entry + 4, le);
        int size = switch (type) {
            case 3 -> 2; // SHORT
            case 4, 13 -> 4; // LONG, IFD
            default -> throw new BadHeaderException("TIFF offset or size tag of type " + type);
        };
        if (count > MAX_PIECES) {
            throw new BadHeaderException("TIFF table of " + count + " values");
        }
        long at = count * size <= 4 ? entry + 8 : in.u32(entry + 8, le);
        for (long i = 0; i < count; i++) {
            sink.accept(size == 2 ? in.u16(at + 2 * i, le) : in.u32(at + 4 * i, le));
        }
    }

    private static long first(HeaderInput in, long entry, boolean le) throws IOException, BadHeaderException {
        int type = in.u16(entry + 2, le);
        return switch (type) {
            case 1 -> in.u8(entry + 8); // BYTE
            case 3 -> in.u16(entry + 8, le); // SHORT
            case 4 -> in.u32(entry + 8, le); // LONG
            default -> throw new BadHeaderException("TIFF tag of type " + type + " where a number belongs");
        };
    }
}
