package org.darkroom.intake;

import java.io.IOException;
import java.util.List;
import org.darkroom.intake.IsoBoxes.Box;

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

    static ImageHeader read(HeaderInput in, ImageType type) throws IOException, BadHeaderException {
        Box meta = IsoBoxes.find(in, 0, in.size(), "meta", true);
        // meta, unlike iprp and ipco, is a full box: a version byte and 24 flag bits come first.
        Box iprp = IsoBoxes.find(in, meta.content() + 4, meta.end(), "iprp", false);
        Box ipco = IsoBoxes.find(in, iprp.content(), iprp.end(), "ipco", false);
        List<Box> properties = IsoBoxes.children(in, ipco);
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
        Box pitm = IsoBoxes.find(in, meta.content() + 4, meta.end(), "pitm", false);
        long primary = in.u8(pitm.content()) == 0 ? in.u16be(pitm.content() + 4) : in.u32be(pitm.content() + 4);
        Box ipma = IsoBoxes.find(in, iprp.content(), iprp.end(), "ipma", false);
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
}
