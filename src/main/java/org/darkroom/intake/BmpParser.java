package org.darkroom.intake;

import java.io.IOException;

/** Reads a BMP's size from its DIB header: 16-bit fields in the old OS/2 core header, signed 32-bit otherwise. */
final class BmpParser {
    private BmpParser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException {
        long dibSize = in.u32le(14);
        if (!TypeSniffer.isBmpInfoHeaderSize(dibSize)) {
            throw new BadHeaderException("BMP DIB header size " + dibSize);
        }
        long width;
        long height;
        if (dibSize == 12) {
            width = in.u16le(18);
            height = in.u16le(20);
        } else {
            width = (int) in.u32le(18);
            // Negative height marks a top-down bitmap; the size is the magnitude. As a long, MIN_VALUE is safe.
            height = Math.abs((long) (int) in.u32le(22));
        }
        int w = HeaderInput.dimension(width, "BMP width");
        int h = HeaderInput.dimension(height, "BMP height");
        return new ImageHeader(ImageType.BMP, w, h, 1, (long) w * h);
    }
}
