package org.darkroom.magick.op;

import java.util.List;

/**
 * One image operation: it contributes a fixed sequence of ImageMagick arguments built only from typed values, and
 * says before anything runs how large its result is and how much work it takes, so limits apply to the plan.
 */
public interface MagickOp {

    /** Appends this operation's arguments, in order, to {@code argv}. */
    void appendTo(List<String> argv);

    /** The size of the image this step leaves for the next, given the size it receives. */
    default Size resultOf(Size in) {
        return in;
    }

    /** The widest and tallest image this step may hold at any moment (its result, or more while it works). */
    default Size peak(Size in) {
        return resultOf(in);
    }

    /**
     * The work of this step in pixel-passes: how many pixels it reads or writes, each weighted by how many times it
     * touches them. A plain per-pixel step costs its input's pixels once; see {@code docs/POLICY.md} for the model.
     */
    default long work(Size in) {
        return in.pixels();
    }
}
