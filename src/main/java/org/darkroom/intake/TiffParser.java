package org.darkroom.intake;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** Walks a TIFF's (or BigTIFF's) chain of image file directories, one per page, reading each page's size. */
final class TiffParser {
    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int LONG8 = 16;
    // BigTIFF counts entries in 64 bits; real directories hold a few dozen tags.
    private static final long MAX_ENTRIES = 65_535;

    private TiffParser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException {
        boolean le = in.u8(0) == 'I';
        boolean big = in.u16(2, le) == 43;
        if (big && (in.u16(4, le) != 8 || in.u16(6, le) != 0)) {
            throw new BadHeaderException("BigTIFF header with offset size " + in.u16(4, le));
        }
        long ifd = big ? in.u64(8, le) : in.u32(4, le);
        Set<Long> seen = new HashSet<>();
        int pages = 0;
        int firstWidth = 0;
        int firstHeight = 0;
        long largest = 0;
        int widest = 0;
        int tallest = 0;
        while (ifd != 0 && pages < HeaderInput.MAX_STEPS) {
            // A chain that revisits a directory would otherwise list the same pages forever.
            if (!seen.add(ifd)) {
                throw new BadHeaderException("TIFF directory chain loops back to offset " + ifd);
            }
            long count = big ? in.u64(ifd, le) : in.u16(ifd, le);
            if (count > MAX_ENTRIES) {
                throw new BadHeaderException("TIFF directory with " + count + " entries");
            }
            long entries = ifd + (big ? 8 : 2);
            int entrySize = big ? 20 : 12;
            long width = -1;
            long height = -1;
            for (long i = 0; i < count; i++) {
                long entry = entries + i * entrySize;
                int tag = in.u16(entry, le);
                if (tag == IMAGE_WIDTH || tag == IMAGE_LENGTH) {
                    // libtiff keeps the first of two equal tags, other readers the last: a second size tag is
                    // a file saying two things, and the only safe answer is to believe neither.
                    if ((tag == IMAGE_WIDTH ? width : height) != -1) {
                        throw new BadHeaderException("TIFF page " + pages + " has tag " + tag + " twice");
                    }
                    long value = value(in, entry, le, big);
                    if (tag == IMAGE_WIDTH) {
                        width = value;
                    } else {
                        height = value;
                    }
                }
            }
            int w = HeaderInput.dimension(width, "TIFF page " + pages + " width");
            int h = HeaderInput.dimension(height, "TIFF page " + pages + " length");
            if (pages++ == 0) {
                firstWidth = w;
                firstHeight = h;
            }
            largest = Math.max(largest, (long) w * h);
            widest = Math.max(widest, w);
            tallest = Math.max(tallest, h);
            long next = entries + count * entrySize;
            ifd = big ? in.u64(next, le) : in.u32(next, le);
        }
        if (pages == 0) {
            throw new BadHeaderException("TIFF has no image directory");
        }
        return new ImageHeader(ImageType.TIFF, firstWidth, firstHeight, pages, largest, widest, tallest);
    }

    // The first value sits in the entry itself (left-justified) whenever the type fits the value field.
    private static long value(HeaderInput in, long entry, boolean le, boolean big)
            throws IOException, BadHeaderException {
        int type = in.u16(entry + 2, le);
        long count = big ? in.u64(entry + 4, le) : in.u32(entry + 4, le);
        long field = entry + (big ? 12 : 8);
        if (count < 1) {
            throw new BadHeaderException("TIFF size tag with no value");
        }
        return switch (type) {
            case SHORT -> in.u16(field, le);
            case LONG -> in.u32(field, le);
            case LONG8 -> {
                if (!big) {
                    throw new BadHeaderException("LONG8 size tag in a classic TIFF");
                }
                yield in.u64(field, le);
            }
            default -> throw new BadHeaderException("TIFF size tag of type " + type);
        };
    }
}
