package org.darkroom.magick.op;

import java.util.List;

/** Cuts a rectangle from the image and resets the page geometry so later steps see a plain image. */
public record Crop(int width, int height, int x, int y) implements MagickOp {

    @Override
    public void appendTo(List<String> argv) {
        argv.addAll(List.of("-crop", width + "x" + height + "+" + x + "+" + y, "+repage"));
    }
}
