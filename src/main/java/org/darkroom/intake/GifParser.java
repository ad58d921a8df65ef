package org.darkroom.intake;

import java.io.IOException;

/** Walks a GIF's block stream, counting image descriptors and their sizes without decompressing anything. */
final class GifParser {
    private GifParser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException {
        int screenWidth = in.u16le(6);
        int screenHeight = in.u16le(8);
        long pos = 13 + colorTableBytes(in.u8(10));
        int frames = 0;
        int firstWidth = 0;
        int firstHeight = 0;
        long largest = 0;
        int widest = 0;
        int tallest = 0;
        try {
            for (int blocks = 0; blocks < 2 * HeaderInput.MAX_STEPS && frames < HeaderInput.MAX_STEPS; blocks++) {
                int introducer = in.u8(pos);
                if (introducer == 0x3b) {
                    break;
                } else if (introducer == 0x2c) {
                    int w = in.u16le(pos + 5);
                    int h = in.u16le(pos + 7);
                    int packed = in.u8(pos + 9);
                    if (w == 0 || h == 0) {
                        throw new BadHeaderException("GIF frame " + frames + " is " + w + "x" + h);
                    }
                    frames++;
                    if (frames == 1) {
                        firstWidth = w;
                        firstHeight = h;
                    }
                    largest = Math.max(largest, (long) w * h);
                    widest = Math.max(widest, w);
                    tallest = Math.max(tallest, h);
                    // Descriptor, local colour table, LZW minimum code size, then the data sub-blocks.
                    pos = skipSubBlocks(in, pos + 10 + colorTableBytes(packed) + 1);
                } else if (introducer == 0x21) {
                    pos = skipSubBlocks(in, pos + 2);
                } else if (frames > 0) {
                    break; // trailing junk after real frames: decoders stop here too
                } else {
                    throw new BadHeaderException(String.format("GIF block 0x%02X at offset %d", introducer, pos));
                }
            }
        } catch (BadHeaderException truncated) {
            // Decoders show the frames that arrived before a cut; only a file with none is undecodable.
            if (frames == 0) {
                throw truncated;
            }
        }
        if (frames == 0) {
            throw new BadHeaderException("GIF has no image");
        }
        // A zero logical screen is common in the wild; decoders then use the first frame's size.
        int width = screenWidth > 0 ? screenWidth : firstWidth;
        int height = screenHeight > 0 ? screenHeight : firstHeight;
        // Coalescing paints every frame onto a full canvas, so the canvas counts as a frame too.
        largest = Math.max(largest, (long) width * height);
        return new ImageHeader(ImageType.GIF, width, height, frames, largest, Math.max(widest, width),
                Math.max(tallest, height));
    }

    private static int colorTableBytes(int packed) {
        return (packed & 0x80) == 0 ? 0 : 3 << ((packed & 0x07) + 1);
    }

    private static long skipSubBlocks(HeaderInput in, long pos) throws IOException, BadHeaderException {
        // Each sub-block advances at least one byte, so this ends within the file.
        for (int size = in.u8(pos); size != 0; size = in.u8(pos)) {
            pos += 1 + size;
        }
        return pos + 1;
    }
}
