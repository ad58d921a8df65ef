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
 * @param widestFrame        the largest width of any frame, page or canvas: no decoded frame may be wider
 * @param tallestFrame       the largest height of any frame, page or canvas: no decoded frame may be taller
 */
public record ImageHeader(ImageType type, int width, int height, int frames, long largestFramePixels,
                          int widestFrame, int tallestFrame) {

    public ImageHeader {
        Objects.requireNonNull(type, "type");
        if (width <= 0 || height <= 0 || frames <= 0 || largestFramePixels < (long) width * height
                || widestFrame < width || tallestFrame < height) {
            throw new IllegalArgumentException("Inconsistent header: " + width + "x" + height + ", " + frames
                    + " frames, largest frame " + largestFramePixels + " pixels, widest " + widestFrame
                    + ", tallest " + tallestFrame);
        }
    }

    /** A header whose frames all fit in the first frame's (or the canvas's) width and height. */
    public ImageHeader(ImageType type, int width, int height, int frames, long largestFramePixels) {
        this(type, width, height, frames, largestFramePixels, width, height);
    }

    /** Pixels in the primary image. */
    public long pixels() {
        return (long) width * height;
    }
}
