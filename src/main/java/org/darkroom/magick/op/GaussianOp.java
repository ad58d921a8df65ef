package org.darkroom.magick.op;

/** A step that passes a Gaussian kernel of {@link #sigma()} over the image: its size and work follow from that. */
interface GaussianOp extends MagickOp {
    int sigma();

    @Override
    default Size peak(Size in) {
        return GaussianWork.peak(in, sigma());
    }

    @Override
    default long work(Size in) {
        return GaussianWork.of(in, sigma());
    }
}
