package org.darkroom.magick.op;

import java.util.List;

/** Gaussian blur; the radius is left to ImageMagick (0), which picks one suited to the sigma. */
public record Blur(int sigma) implements GaussianOp {

    @Override
    public void appendTo(List<String> argv) {
        argv.addAll(List.of("-blur", "0x" + sigma));
    }
}
