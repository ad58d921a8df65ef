package org.darkroom.magick.op;

/**
 * The work of a Gaussian blur or sharpen: ImageMagick runs two one-dimensional passes whose kernels reach about
 * three sigmas each side, so each pixel is touched about 2 &times; (6 &sigma; + 1) times.
 */
final class GaussianWork {
    private GaussianWork() {
    }

    /**
     * While it works, ImageMagick reads each row with the kernel's reach on both sides (about 4.6 sigmas each way at
     * 16 bits), so its pixel cache views are that much wider and taller than the image.
     */
    static Size peak(Size in, int sigma) {
        return new Size(in.width() + 10L * sigma + 2, in.height() + 10L * sigma + 2);
    }

    static long of(Size in, int sigma) {
        // Sizes are at most a few billion pixels and sigma at most 50, so this cannot overflow.
        return in.pixels() * 2L * (6L * sigma + 1);
    }
}
