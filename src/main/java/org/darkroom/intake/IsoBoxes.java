package org.darkroom.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Walks ISO base media file format boxes (HEIC, AVIF, CR3, the JPEG XL container) within their parents' bounds. */
final class IsoBoxes {
    private IsoBoxes() {
    }

    /** A box's payload range and type; {@code content} is after the size/type header. */
    record Box(String type, long content, long end) {
    }

    static List<Box> children(HeaderInput in, Box parent) throws IOException, BadHeaderException {
        List<Box> children = new ArrayList<>();
        for (long pos = parent.content(); pos < parent.end(); ) {
            Box box = box(in, pos, parent.end(), children.size(), false);
            children.add(box);
            pos = box.end();
        }
        return children;
    }

    static Box find(HeaderInput in, long from, long end, String wanted, boolean topLevel)
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

    static Box box(HeaderInput in, long pos, long parentEnd, int index, boolean topLevel)
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
