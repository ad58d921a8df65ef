package org.darkroom.intake;

import java.io.IOException;
import org.darkroom.intake.IsoBoxes.Box;

/**
 * Sizes a Canon CR3 from its ISO BMFF tracks: each {@code moov/trak/mdia/minf/stbl/stsd} holds one {@code CRAW}
 * sample entry with the track's width and height (a visual sample entry's fields). The tracks are a full-size JPEG
 * preview, a small preview and the sensor data; the size reported, and limited, is the largest, which is the
 * sensor's (with its margins, never smaller than what the developer writes).
 */
final class Cr3Parser {
    /** The major brand of every CR3. */
    static final String BRAND = "crx ";
    private static final String[] TRACK_PATH = {"mdia", "minf", "stbl", "stsd"};
    // After a sample entry's 8-byte header: 6 reserved bytes, the data reference index, 16 bytes of (pre)defined.
    private static final int WIDTH_AT = 24;

    private Cr3Parser() {
    }

    static ImageHeader read(HeaderInput in) throws IOException, BadHeaderException {
        Box moov = IsoBoxes.find(in, 0, in.size(), "moov", true);
        int width = 0;
        int height = 0;
        for (Box track : IsoBoxes.children(in, moov)) {
            if (!track.type().equals("trak")) {
                continue;
            }
            Box stsd = track;
            for (String child : TRACK_PATH) {
                stsd = IsoBoxes.find(in, stsd.content(), stsd.end(), child, false);
            }
            // stsd is a full box: version and flags, then the entry count, then the entries.
            Box entry = IsoBoxes.box(in, stsd.content() + 8, stsd.end(), 0, false);
            if (entry.type().equals("CRAW")) {
                int w = HeaderInput.dimension(in.u16be(entry.content() + WIDTH_AT), "CR3 track width");
                int h = HeaderInput.dimension(in.u16be(entry.content() + WIDTH_AT + 2), "CR3 track height");
                if ((long) w * h > (long) width * height) {
                    width = w;
                    height = h;
                }
            }
        }
        if (width == 0) {
            throw new BadHeaderException("CR3 without a CRAW track");
        }
        return new ImageHeader(ImageType.RAW, width, height, 1, (long) width * height);
    }
}
