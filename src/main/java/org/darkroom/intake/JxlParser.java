package org.darkroom.intake;

import java.io.IOException;

/**
 * Reads a JPEG XL image's size from its codestream's {@code SizeHeader}, in a bare codestream or inside the ISO
 * BMFF container (the first {@code jxlc} or {@code jxlp} box).
 *
 * <p>The header is a few bit-packed fields right after the {@code FF 0A} signature (ISO/IEC 18181-1, A.1): a
 * "small" flag for multiples of 8 up to 256, else a selector and 9, 13, 18 or 30 bits; the width is either coded
 * the same way or given by one of seven fixed aspect ratios of the height. Animation is not read: the frame count
 * is one, the first frame is what the decoder hands on.
 */
final class JxlParser {
    static final int[] CONTAINER_SIGNATURE = {0, 0, 0, 0x0c, 'J', 'X', 'L', ' ', 0x0d, 0x0a, 0x87, 0x0a};
    private static final int[] SIZE_BITS = {9, 13, 18, 30};
    private static final long[][] RATIOS = {{1, 1}, {12, 10}, {4, 3}, {3, 2}, {16, 9}, {5, 4}, {2, 1}};

    private JxlParser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException {
        long codestream = in.u8(0) == 0xff ? 0 : codestreamInContainer(in);
        if (in.u8(codestream) != 0xff || in.u8(codestream + 1) != 0x0a) {
            throw new BadHeaderException("no JPEG XL codestream signature at " + codestream);
        }
        Bits bits = new Bits(in, codestream + 2);
        boolean small = bits.read(1) == 1;
        long height = small ? (bits.read(5) + 1) * 8 : sized(bits);
        int ratio = (int) bits.read(3);
        long width;
        if (ratio == 0) {
            width = small ? (bits.read(5) + 1) * 8 : sized(bits);
        } else {
            width = height * RATIOS[ratio - 1][0] / RATIOS[ratio - 1][1];
        }
        return new ImageHeader(ImageType.JXL, HeaderInput.dimension(width, "JPEG XL width"),
                HeaderInput.dimension(height, "JPEG XL height"), 1, width * height);
    }

    private static long sized(Bits bits) throws IOException, BadHeaderException {
        return bits.read(SIZE_BITS[(int) bits.read(2)]) + 1;
    }

    // Boxes after the signature box; a jxlp box starts with its 4-byte sequence index.
    private static long codestreamInContainer(HeaderInput in) throws IOException, BadHeaderException {
        long pos = CONTAINER_SIGNATURE.length;
        for (int index = 0; pos < in.size(); index++) {
            IsoBoxes.Box box = IsoBoxes.box(in, pos, in.size(), index, true);
            if (box.type().equals("jxlc")) {
                return box.content();
            }
            if (box.type().equals("jxlp")) {
                return box.content() + 4;
            }
            pos = box.end();
        }
        throw new BadHeaderException("JPEG XL container without a codestream box");
    }

    /** Least-significant-bit-first reading, as JPEG XL packs its fields. */
    private static final class Bits {
        private final HeaderInput in;
        private long pos;
        private int bit;

        Bits(HeaderInput in, long pos) {
            this.in = in;
            this.pos = pos;
        }

        long read(int count) throws IOException, BadHeaderException {
            long value = 0;
            for (int i = 0; i < count; i++) {
                value |= (long) ((in.u8(pos) >> bit) & 1) << i;
                if (++bit == 8) {
                    bit = 0;
                    pos++;
                }
            }
            return value;
        }
    }
}
