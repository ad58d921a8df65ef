package org.darkroom.magick.flows;

import org.darkroom.flow.Flag;
import org.darkroom.flow.ParamSpec;

/**
 * Parameter declarations shared by ImageMagick's own image flows; those annotate shares too are in
 * {@link org.darkroom.magick.ImageOutput}.
 */
final class ImageParams {
    static final int MAX_SIDE = 16384;
    static final ParamSpec KEEP_METADATA = ParamSpec.withDefault("keep_metadata", new Flag(), false,
            "Keep EXIF, XMP, ICC and comments in the output. Off by default: metadata can hold locations and"
                    + " private data.");

    private ImageParams() {
    }
}
