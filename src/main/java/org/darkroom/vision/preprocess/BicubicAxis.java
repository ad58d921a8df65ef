package org.darkroom.vision.preprocess;

/**
 * Pillow's resampling coefficients for one axis ({@code precompute_coeffs} and {@code normalize_coeffs_8bpc} in
 * Pillow 9.4's {@code libImaging/Resample.c}), computed once per axis and shared by every row or column.
 *
 * <p>Output position {@code i} reads {@code count[i]} input positions from {@code first[i]}, weighted by
 * {@code weights[i * taps ...]}, fixed point with {@link #PRECISION_BITS} fraction bits. Every floating-point step
 * is the C code's, in the C code's order, so the rounded weights are bit-identical.
 */
final class BicubicAxis {
    /** Pillow's 32 - 8 - 2: room for 8-bit samples times weights summing to about 1, plus overshoot. */
    static final int PRECISION_BITS = 32 - 8 - 2;
    /** Added before the final shift, so that the shift rounds to nearest instead of flooring. */
    static final int HALF = 1 << (PRECISION_BITS - 1);

    /** Pillow's bicubic: a = -0.5 (Catmull-Rom-like), support 2 input pixels at scale 1. */
    private static final double SUPPORT = 2.0;

    final int taps;
    final int[] first;
    final int[] count;
    final int[] weights;

    private BicubicAxis(int taps, int[] first, int[] count, int[] weights) {
        this.taps = taps;
        this.first = first;
        this.count = count;
        this.weights = weights;
    }

    /** Coefficients to resample {@code inSize} input pixels (from 0) onto {@code outSize} output pixels. */
    static BicubicAxis of(int inSize, int outSize) {
        // Pillow takes the box as C floats; sizes below 2^24 convert exactly, so plain doubles give the same values.
        double scale = (double) inSize / outSize;
        // Downscaling widens the kernel by the reduction factor (antialiasing); upscaling keeps it at 2 pixels.
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        int taps = (int) Math.ceil(support) * 2 + 1;
        double inverseFilterScale = 1.0 / filterScale;

        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[Math.multiplyExact(outSize, taps)];
        double[] k = new double[taps];
        for (int out = 0; out < outSize; out++) {
            double center = (out + 0.5) * scale;
            // (int) truncates towards zero like C's cast, which matters for the negative values clamped here.
            int min = Math.max((int) (center - support + 0.5), 0);
            int n = Math.min((int) (center + support + 0.5), inSize) - min;
            double sum = 0.0;
            for (int x = 0; x < n; x++) {
                double w = bicubic((x + min - center + 0.5) * inverseFilterScale);
                k[x] = w;
                sum += w;
            }
            for (int x = 0; x < n; x++) {
                if (sum != 0.0) {
                    k[x] /= sum;
                }
                double scaled = k[x] * (1 << PRECISION_BITS);
                weights[out * taps + x] = (int) (k[x] < 0 ? -0.5 + scaled : 0.5 + scaled);
            }
            first[out] = min;
            count[out] = n;
        }
        return new BicubicAxis(taps, first, count, weights);
    }

    /** Pillow's {@code bicubic_filter} with a = -0.5, written with the same operations in the same order. */
    private static double bicubic(double x) {
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return ((-0.5 + 2.0) * x - (-0.5 + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * -0.5;
        }
        return 0.0;
    }

    /** Pillow's {@code clip8}: drop the fraction bits (floor), then clamp to a byte. */
    static byte clip8(int accumulator) {
        int v = accumulator >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** One past the last input position any output reads: the extent the other pass must produce. */
    int end() {
        int last = first.length - 1;
        return first[last] + count[last];
    }
}
