package org.darkroom.intake;

import java.io.IOException;

/** Finds a JPEG's frame header (SOFn) by walking marker segments, without touching entropy-coded data. */
final class JpegParser {
    private JpegParser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException {
        if (in.u8(0) != 0xff || in.u8(1) != 0xd8) {
            throw new BadHeaderException("JPEG does not start with SOI");
        }
        long pos = 2;
        for (int segments = 0; segments < HeaderInput.MAX_STEPS; segments++) {
            if (in.u8(pos) != 0xff) {
                throw new BadHeaderException("JPEG marker expected at offset " + pos);
            }
            // Any number of 0xFF fill bytes may precede a marker code (ITU T.81 B.1.1.2).
            int marker;
            do {
                marker = in.u8(++pos);
            } while (marker == 0xff);
            pos++;
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue; // TEM and RSTn stand alone, with no length
            }
            if (marker == 0xd8 || marker == 0xd9 || marker == 0xda || marker == 0x00) {
                throw new BadHeaderException(String.format("JPEG marker 0x%02X before any frame header", marker));
            }
            int length = in.u16be(pos);
            if (length < 2) {
                throw new BadHeaderException("JPEG segment length " + length + " at offset " + pos);
            }
            if (isStartOfFrame(marker)) {
                if (length < 8) {
                    throw new BadHeaderException("JPEG frame header too short: " + length);
                }
                // A zero height means "defined later by DNL"; ImageMagick refuses those and so do we.
                int height = HeaderInput.dimension(in.u16be(pos + 3), "JPEG height");
                int width = HeaderInput.dimension(in.u16be(pos + 5), "JPEG width");
                return new ImageHeader(ImageType.JPEG, width, height, 1, (long) width * height);
            }
            pos += length;
        }
        throw new BadHeaderException("JPEG has more than " + HeaderInput.MAX_STEPS + " segments before a frame");
    }

    // C4 (DHT), C8 (JPG extension) and CC (DAC) share the SOF range but are not frame headers.
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }
}
