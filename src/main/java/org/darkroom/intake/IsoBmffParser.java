package org.darkroom.intake;

import java.io.IOException;

/**
 * Reads HEIC and AVIF sizes from the image spatial extents ('ispe') in meta / iprp / ipco, never the coded data.
 *
 * <p>The size reported is the largest ispe area found. That is a conservative bound rather than the exact
 * primary image: working out which item is primary (pitm, ipma) adds parsing for no safety gain, and a grid
 * image's own ispe is always its full size while thumbnails and tiles are smaller.
 */
final class IsoBmffParser {
    private IsoBmffParser() {
    }

    /** A box's payload range and type; {@code content} is after the size/type header. */
    private record Box(String type, long content, long end) {
    }

    static ImageHeader read(HeaderInput in, ImageType type) throws IOException, BadHeaderException {
        Box meta = find(in, 0, in.size(), "meta", true);
        // meta, unlike iprp and ipco, is a full box: a version byte and 24 flag bits come first.
        Box iprp = find(in, meta.content() + 4, meta.end(), "iprp", false);
        Box ipco = find(in, iprp.content(), iprp.end(), "ipco", false);
        long best = 0;
        int width = 0;
        int height = 0;
        long pos = ipco.content();
        for (int boxes = 0; pos < ipco.end(); boxes++) {
            Box box = box(in, pos, ipco.end(), boxes, false);
            if ("ispe".equals(box.type())) {
                // Full box header (4 bytes), then image_width and image_height as u32.
                int w = HeaderInput.dimension(in.u32be(box.content() + 4), "ispe width");
                int h = HeaderInput.dimension(in.u32be(box.content() + 8), "ispe height");
                if ((long) w * h > best) {
                    best = (long) w * h;
                    width = w;
                    height = h;
                }
            }
            pos = box.end();
        }
        if (best == 0) {
            throw new BadHeaderException("no ispe property in ipco");
        }
        return new ImageHeader(type, width, height, 1, best);
    }

    private static Box find(HeaderInput in, long from, long end, String wanted, boolean topLevel)
            throws IOException, BadHeaderException {
        long pos = from;
        for (int boxes = 0; pos < end; boxes++) {
            Box box = box(in, pos, end, boxes, topLevel);
            if (wanted.equals(box.type())) {
                return box;
            }
            pos = box.end();
        }
        throw new BadHeaderException("no '" + wanted + "' box");
    }

    private static Box box(HeaderInput in, long pos, long parentEnd, int index, boolean topLevel)
            throws IOException, BadHeaderException {
        if (index >= HeaderInput.MAX_STEPS) {
            throw new BadHeaderException("more than " + HeaderInput.MAX_STEPS + " boxes");
        }
        long size = in.u32be(pos);
        String type = in.fourcc(pos + 4);
        long header = 8;
        if (size == 1) {
            size = in.u64(pos + 8, false);
            header = 16;
        } else if (size == 0) {
            size = parentEnd - pos; // "extends to the end of the file" (or of its container)
        }
        if (size < header || size > parentEnd - pos) {
            // At top level a box running past the end of the file is what truncation looks like.
            throw new BadHeaderException((topLevel ? "truncated or malformed" : "malformed") + " '"
                    + type.replaceAll("[^ -~]", "?") + "' box of size " + size + " at offset " + pos);
        }
        return new Box(type, pos + header, pos + size);
    }
}
