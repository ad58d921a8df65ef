package org.darkroom.intake;

import java.util.Objects;

/**
 * What an image's header says about it, read before any decoding so limits apply before ImageMagick runs.
 *
 * @param type               the type its bytes show
 * @param width              the width of the primary (first) image, or the canvas where a format has one
 * @param height             the height of the primary (first) image, or the canvas where a format has one
 * @param frames             how many frames or pages it holds, at least one
 * @param largestFramePixels the largest width &times; height of any frame, page or canvas, never less than
 *                           {@link #pixels()}, so a small first page cannot hide a huge later one
 */
public record ImageHeader(ImageType type, int width, int height, int frames, long largestFramePixels) {

    public ImageHeader {
        Objects.requireNonNull(type, "type");
        if (width <= 0 || height <= 0 || frames <= 0 || largestFramePixels < (long) width * height) {
            throw new IllegalArgumentException("Inconsistent header: " + width + "x" + height + ", " + frames
                    + " frames, largest frame " + largestFramePixels + " pixels");
        }
    }

    /** Pixels in the primary image. */
    public long pixels() {
        return (long) width * height;
    }
}
