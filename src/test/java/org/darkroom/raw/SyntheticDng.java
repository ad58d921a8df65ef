package org.darkroom.raw;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A DNG of any size, written on the spot: one directory holding an uncompressed 16-bit RGGB sensor image of noise
 * (so the developer's interpolation has real work), with the tags LibRaw needs to develop it. For the cases the
 * small committed sample cannot make: a raw that takes seconds to develop.
 */
final class SyntheticDng {
    private static final int ENTRIES = 15;
    private static final int HEADER = 8;
    private static final int DIRECTORY = 2 + 12 * ENTRIES + 4;
    private static final int EXTRA = 24 + 9 * 8; // Make, padded, then ColorMatrix1 (9 SRATIONAL)

    private SyntheticDng() {
    }

    static Path write(Path file, int width, int height) throws IOException {
        long pixelBytes = 2L * width * height;
        int stripAt = HEADER + DIRECTORY + EXTRA;
        ByteBuffer head = ByteBuffer.allocate(stripAt).order(ByteOrder.LITTLE_ENDIAN);
        head.put(new byte[] {'I', 'I', 42, 0}).putInt(HEADER);
        head.putShort((short) ENTRIES);
        int make = HEADER + DIRECTORY;
        int matrix = make + 24;
        entry(head, 254, 4, 1, 0);                  // NewSubFileType: the main image
        entry(head, 256, 4, 1, width);
        entry(head, 257, 4, 1, height);
        entry(head, 258, 3, 1, 16);                 // BitsPerSample
        entry(head, 259, 3, 1, 1);                  // no compression
        entry(head, 262, 3, 1, 32803);              // CFA
        entry(head, 271, 2, 9, make);               // Make
        entry(head, 273, 4, 1, stripAt);            // StripOffsets
        entry(head, 277, 3, 1, 1);                  // SamplesPerPixel
        entry(head, 278, 4, 1, height);             // RowsPerStrip
        entry(head, 279, 4, 1, (int) pixelBytes);   // StripByteCounts
        entry(head, 33421, 3, 2, 2 | 2 << 16);      // CFARepeatPatternDim 2x2
        entry(head, 33422, 1, 4, 0x02010100);       // CFAPattern RGGB
        entry(head, 50706, 1, 4, 0x00000401);       // DNGVersion 1.4.0.0
        entry(head, 50721, 10, 9, matrix);          // ColorMatrix1
        head.putInt(0);
        head.put("Darkroom\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        head.position(matrix);
        for (int i = 0; i < 9; i++) {
            head.putInt(i % 4 == 0 ? 1 : 0).putInt(1);
        }
        Random noise = new Random(7);
        byte[] row = new byte[2 * width];
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head.array());
            for (int y = 0; y < height; y++) {
                noise.nextBytes(row);
                out.write(row);
            }
        }
        return file;
    }

    private static void entry(ByteBuffer buffer, int tag, int type, int count, int value) {
        buffer.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }
}
