package org.darkroom.intake;

import java.io.IOException;

/** Reads a WebP's size from its first chunk (VP8, VP8L or VP8X) and counts ANMF frames when animated. */
final class WebpParser {
    private static final int ANIMATION_FLAG = 0x02;

    private WebpParser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException {
        String kind = in.fourcc(12);
        long data = 20;
        switch (kind) {
            case "VP8 " -> {
                if (in.u8(data + 3) != 0x9d || in.u8(data + 4) != 0x01 || in.u8(data + 5) != 0x2a) {
                    throw new BadHeaderException("WebP VP8 start code missing");
                }
                return single(in.u16le(data + 6) & 0x3fff, in.u16le(data + 8) & 0x3fff);
            }
            case "VP8L" -> {
                if (in.u8(data) != 0x2f) {
                    throw new BadHeaderException("WebP VP8L signature missing");
                }
                long bits = in.u32le(data + 1);
                return single((int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1);
            }
            case "VP8X" -> {
                return extended(in);
            }
            default -> throw new BadHeaderException("WebP first chunk is '" + kind.replaceAll("[^ -~]", "?") + "'");
        }
    }

    private static ImageHeader single(int width, int height) throws BadHeaderException {
        int w = HeaderInput.dimension(width, "WebP width");
        int h = HeaderInput.dimension(height, "WebP height");
        return new ImageHeader(ImageType.WEBP, w, h, 1, (long) w * h);
    }

    private static ImageHeader extended(HeaderInput in) throws IOException, BadHeaderException {
        int flags = in.u8(20);
        int width = HeaderInput.dimension(u24(in, 24) + 1, "WebP canvas width");
        int height = HeaderInput.dimension(u24(in, 27) + 1, "WebP canvas height");
        long canvas = (long) width * height;
        if ((flags & ANIMATION_FLAG) == 0) {
            return new ImageHeader(ImageType.WEBP, width, height, 1, canvas);
        }
        long end = Math.min(in.size(), in.u32le(4) + 8);
        long pos = 12;
        int frames = 0;
        long largest = canvas;
        for (int chunks = 0; chunks < 2 * HeaderInput.MAX_STEPS && frames < HeaderInput.MAX_STEPS; chunks++) {
            if (pos + 8 > end) {
                break;
            }
            String kind = in.fourcc(pos);
            long size = in.u32le(pos + 4);
            if ("ANMF".equals(kind)) {
                // Frame width and height (minus one) follow the frame's 24-bit X and Y offsets.
                long w = u24(in, pos + 8 + 6) + 1L;
                long h = u24(in, pos + 8 + 9) + 1L;
                frames++;
                largest = Math.max(largest, w * h);
            }
            pos += 8 + size + (size & 1); // RIFF chunks are padded to even sizes
        }
        if (frames == 0) {
            throw new BadHeaderException("animated WebP has no ANMF frame");
        }
        return new ImageHeader(ImageType.WEBP, width, height, frames, largest);
    }

    private static int u24(HeaderInput in, long pos) throws IOException, BadHeaderException {
        return in.u8(pos) | in.u8(pos + 1) << 8 | in.u8(pos + 2) << 16;
    }
}
