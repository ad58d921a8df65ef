package org.darkroom.magick.op;

/**
 * The work of a Gaussian blur or sharpen: ImageMagick runs two one-dimensional passes whose kernels reach about
 * three sigmas each side, so each pixel is touched about 2 &times; (6 &sigma; + 1) times.
 */
final class GaussianWork {
    private GaussianWork() {
    }

    static long of(Size in, int sigma) {
        // Sizes are at most a few billion pixels and sigma at most 50, so this cannot overflow.
        return in.pixels() * 2L * (6L * sigma + 1);
    }
}
