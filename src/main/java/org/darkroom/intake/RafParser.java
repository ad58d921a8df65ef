package org.darkroom.intake;

import java.io.IOException;

/**
 * Sizes a Fujifilm RAF from its own header: at offset 92 the offset of the sensor's record table, a count and then
 * records of (tag, length, data), big-endian; tag {@code 0x100} is the raw size and {@code 0x121} the developed size,
 * each as height then width. The larger is what the limit applies to. The JPEG preview the file begins with is
 * never read.
 */
final class RafParser {
    /** The first bytes of every RAF. */
    static final String MAGIC = "FUJIFILMCCD-RAW ";
    private static final int TABLE_OFFSET_AT = 92;
    private static final int RAW_SIZE = 0x100;
    private static final int OUTPUT_SIZE = 0x121;
    // LibRaw reads no more records than this either.
    private static final long MAX_RECORDS = 255;

    private RafParser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException {
        long table = in.u32be(TABLE_OFFSET_AT);
        long records = in.u32be(table);
        if (records > MAX_RECORDS) {
            throw new BadHeaderException("RAF record table of " + records + " records");
        }
        long pos = table + 4;
        int[] raw = null;
        int[] output = null;
        for (long i = 0; i < records; i++) {
            int tag = in.u16be(pos);
            int length = in.u16be(pos + 2);
            if (tag == RAW_SIZE || tag == OUTPUT_SIZE) {
                int[] size = {HeaderInput.dimension(in.u16be(pos + 6), "RAF width"),
                        HeaderInput.dimension(in.u16be(pos + 4), "RAF height")};
                if (tag == RAW_SIZE) {
                    raw = size;
                } else {
                    output = size;
                }
            }
            pos += 4 + length;
        }
        int[] primary = output != null ? output : raw;
        if (primary == null) {
            throw new BadHeaderException("RAF without a raw size record");
        }
        int[] largest = raw != null && (long) raw[0] * raw[1] > (long) primary[0] * primary[1] ? raw : primary;
        return new ImageHeader(ImageType.RAW, primary[0], primary[1], 1, (long) largest[0] * largest[1],
                Math.max(primary[0], largest[0]), Math.max(primary[1], largest[1]));
    }
}
