package org.darkroom.magick.op;

/** An image's width and height in pixels, as a step receives or produces it. */
public record Size(long width, long height) {

    public Size {
        width = Math.max(1, width);
        height = Math.max(1, height);
    }

    public long pixels() {
        return width * height;
    }

    /** The same size turned a quarter. */
    public Size turned() {
        return new Size(height, width);
    }
}
