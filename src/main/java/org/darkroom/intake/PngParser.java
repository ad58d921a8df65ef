package org.darkroom.intake;

import java.io.IOException;

/** Reads a PNG's IHDR and, for APNG, the frame count from acTL; CRCs are not checked, the decoder does that. */
final class PngParser {
    private PngParser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException, MetadataBombException {
        if (in.u32be(8) != 13 || !"IHDR".equals(in.fourcc(12))) {
            throw new BadHeaderException("PNG does not start with a 13-byte IHDR chunk");
        }
        int width = HeaderInput.dimension(in.u32be(16), "PNG width");
        int height = HeaderInput.dimension(in.u32be(20), "PNG height");
        int frames = 1;
        long firstChunk = 8 + 8 + 13 + 4;
        long pos = firstChunk;
        for (int chunks = 0; ; chunks++) {
            if (chunks >= HeaderInput.MAX_STEPS) {
                throw new BadHeaderException("PNG has more than " + HeaderInput.MAX_STEPS + " chunks before IDAT");
            }
            long length = in.u32be(pos);
            String kind = in.fourcc(pos + 4);
            if (length > Integer.MAX_VALUE) {
                throw new BadHeaderException("PNG chunk length " + length + " at offset " + pos);
            }
            if ("IDAT".equals(kind)) {
                break;
            }
            if ("IEND".equals(kind)) {
                throw new BadHeaderException("PNG has no IDAT");
            }
            if ("acTL".equals(kind) && length >= 8) {
                long declared = in.u32be(pos + 8);
                // num_frames 0 is invalid APNG; decoders then fall back to the single default image.
                if (declared > 0) {
                    frames = (int) Math.min(declared, Integer.MAX_VALUE);
                }
            }
            pos += 12 + length;
        }
        PngMetadata.check(in, firstChunk);
        // APNG frames must lie inside the canvas (APNG spec, fcTL), so the canvas bounds every frame.
        return new ImageHeader(ImageType.PNG, width, height, frames, (long) width * height);
    }
}
