package org.darkroom.magick.op;

import java.util.List;

/** Rotates clockwise by whole degrees; corners uncovered by other angles than right angles are transparent. */
public record Rotate(int degrees) implements MagickOp {
    // ImageMagick rotates by three shears through intermediate canvases; about four passes over the result.
    private static final long PASSES = 4;

    @Override
    public void appendTo(List<String> argv) {
        argv.addAll(List.of("-background", "none", "-rotate", Integer.toString(degrees), "+repage"));
    }

    /** The bounding box of the turned image: a 45° turn of a square grows each side by about 41 %. */
    @Override
    public Size resultOf(Size in) {
        Size quarter = quarterTurned(in);
        double radians = Math.toRadians(residual());
        double cos = Math.abs(Math.cos(radians));
        double sin = Math.abs(Math.sin(radians));
        if (sin == 0) {
            return quarter;
        }
        // The shears round outward by a pixel or two on each side.
        return new Size((long) Math.ceil(quarter.width() * cos + quarter.height() * sin) + 2,
                (long) Math.ceil(quarter.width() * sin + quarter.height() * cos) + 2);
    }

    /**
     * ImageMagick turns by whole quarters first, then shears by the rest (at most 45°): x, then y, then x again,
     * through canvases about {@code w + h·tan(θ/2)} wide and {@code h + w·sin θ} tall.
     */
    @Override
    public Size peak(Size in) {
        Size quarter = quarterTurned(in);
        Size out = resultOf(in);
        double radians = Math.toRadians(residual());
        long wide = (long) Math.ceil(quarter.width() + quarter.height() * Math.abs(Math.tan(radians / 2))) + 2;
        long tall = (long) Math.ceil(quarter.height() + wide * Math.abs(Math.sin(radians))) + 2;
        return new Size(Math.max(out.width(), wide), Math.max(out.height(), tall));
    }

    /** The angle left after whole quarter turns, between -45 and 45 degrees. */
    private int residual() {
        return degrees - 90 * Math.round(degrees / 90f);
    }

    private Size quarterTurned(Size in) {
        return Math.round(degrees / 90f) % 2 == 0 ? in : in.turned();
    }

    @Override
    public long work(Size in) {
        return PASSES * peak(in).pixels();
    }
}
