package org.darkroom.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads HEIC and AVIF sizes from the image spatial extents ('ispe') in meta / iprp / ipco, never the coded data.
 *
 * <p>The primary item (pitm) must be tied (ipma) to exactly one ispe: none, or two that may disagree, is a file
 * that says two things about the size the decoder will produce, and is refused. The size reported is still the
 * largest ispe found, a conservative bound, since thumbnails and tiles are smaller than a grid's full size.
 * The coded data can still disagree with every ispe; ImageMagick's per-job width and height limits catch that.
 */
final class IsoBmffParser {
    private static final String ISPE = "ispe";

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
        List<Box> properties = children(in, ipco);
        long best = 0;
        int width = 0;
        int height = 0;
        int widest = 0;
        int tallest = 0;
        for (Box box : properties) {
            if (ISPE.equals(box.type())) {
                // Full box header (4 bytes), then image_width and image_height as u32.
                int w = HeaderInput.dimension(in.u32be(box.content() + 4), "ispe width");
                int h = HeaderInput.dimension(in.u32be(box.content() + 8), "ispe height");
                widest = Math.max(widest, w);
                tallest = Math.max(tallest, h);
                if ((long) w * h > best) {
                    best = (long) w * h;
                    width = w;
                    height = h;
                }
            }
        }
        if (best == 0) {
            throw new BadHeaderException("no ispe property in ipco");
        }
        int primaryExtents = primaryExtents(in, meta, iprp, properties);
        if (primaryExtents != 1) {
            throw new BadHeaderException("the primary item has " + primaryExtents + " ispe properties");
        }
        return new ImageHeader(type, width, height, 1, best, widest, tallest);
    }

    /** How many ispe properties the ipma box ties to the primary item that pitm names. */
    private static int primaryExtents(HeaderInput in, Box meta, Box iprp, List<Box> properties)
            throws IOException, BadHeaderException {
        Box pitm = find(in, meta.content() + 4, meta.end(), "pitm", false);
        long primary = in.u8(pitm.content()) == 0 ? in.u16be(pitm.content() + 4) : in.u32be(pitm.content() + 4);
        Box ipma = find(in, iprp.content(), iprp.end(), "ipma", false);
        int version = in.u8(ipma.content());
        boolean wideIndex = (in.u8(ipma.content() + 3) & 1) != 0;
        long entries = in.u32be(ipma.content() + 4);
        long pos = ipma.content() + 8;
        int extents = 0;
        for (long e = 0; e < entries; e++) {
            if (e >= HeaderInput.MAX_STEPS || pos >= ipma.end()) {
                throw new BadHeaderException("ipma entries run past their box");
            }
            long item = version < 1 ? in.u16be(pos) : in.u32be(pos);
            pos += version < 1 ? 2 : 4;
            int associations = in.u8(pos++);
            for (int a = 0; a < associations; a++) {
                // The top bit says "essential"; the rest is a 1-based index into ipco (0 = none).
                int index = wideIndex ? in.u16be(pos) & 0x7fff : in.u8(pos) & 0x7f;
                pos += wideIndex ? 2 : 1;
                if (item == primary && index > 0 && index <= properties.size()
                        && ISPE.equals(properties.get(index - 1).type())) {
                    extents++;
                }
            }
        }
        return extents;
    }

    private static List<Box> children(HeaderInput in, Box parent) throws IOException, BadHeaderException {
        List<Box> children = new ArrayList<>();
        for (long pos = parent.content(); pos < parent.end(); ) {
            Box box = box(in, pos, parent.end(), children.size(), false);
            children.add(box);
            pos = box.end();
        }
        return children;
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
