package org.darkroom.magick.op;

import java.util.List;

/** Sharpens with ImageMagick's Gaussian sharpen; the radius is chosen by ImageMagick from the sigma. */
public record Sharpen(int sigma) implements GaussianOp {

    @Override
    public void appendTo(List<String> argv) {
        argv.addAll(List.of("-sharpen", "0x" + sigma));
    }
}
