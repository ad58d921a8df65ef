package org.darkroom.magick.op;

import java.util.List;

/** Shrinks to fit a box, never enlarging, with ImageMagick's thumbnail path (which also drops profiles). */
public record Thumbnail(int width, int height) implements MagickOp {

    @Override
    public void appendTo(List<String> argv) {
        argv.addAll(List.of("-thumbnail", width + "x" + height + ">"));
    }

    @Override
    public Size resultOf(Size in) {
        double scale = Math.min(1.0, Math.min((double) width / in.width(), (double) height / in.height()));
        return new Size(Math.round(in.width() * scale), Math.round(in.height() * scale));
    }
}
