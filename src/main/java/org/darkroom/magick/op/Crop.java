package org.darkroom.magick.op;

import java.util.List;

/** Cuts a rectangle from the image and resets the page geometry so later steps see a plain image. */
public record Crop(int width, int height, int x, int y) implements MagickOp {

    @Override
    public void appendTo(List<String> argv) {
        argv.addAll(List.of("-crop", width + "x" + height + "+" + x + "+" + y, "+repage"));
    }

    @Override
    public Size resultOf(Size in) {
        return new Size(Math.min(width, in.width() - x), Math.min(height, in.height() - y));
    }
}
