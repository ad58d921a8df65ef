package org.darkroom.magick.op;

import java.util.List;

/** Rotates clockwise by whole degrees; corners uncovered by other angles than right angles are transparent. */
public record Rotate(int degrees) implements MagickOp {

    @Override
    public void appendTo(List<String> argv) {
        argv.addAll(List.of("-background", "none", "-rotate", Integer.toString(degrees), "+repage"));
    }
}
