package org.darkroom.vision.preprocess;

import java.util.Arrays;

/**
 * Combines the vision encoder's per-crop patch features into the projection's input, as the {@code .mf} client
 * does after running the encoder: every patch gets [global features, local features].
 */
public final class FeatureMerge {
    /** Patches per side of a crop: 378 pixels / 14-pixel patches. */
    public static final int SIDE = 27;
    public static final int PATCHES = SIDE * SIDE;

    private FeatureMerge() {
    }

    /**
     * {@code encoderOut} is [n, 729, e] row-major (patches row-major within a crop), crop 0 the global one.
     * Returns [729, 2e] row-major: per patch, the global features then the local ones. With template (1,1) the
     * local half repeats the global features. Otherwise the chosen tiles' 27x27 feature grids are laid side by side
     * as the tiles lie in the image and average-pooled back to 27x27.
     */
    public static float[] merge(float[] encoderOut, int n, int e, CropTemplate template, LocalCropIndex index) {
        if (e < 1) {
            throw new IllegalArgumentException("Feature width must be positive, got " + e);
        }
        if (n != template.crops()) {
            throw new IllegalArgumentException("Template " + template.rows() + "x" + template.cols() + " needs "
                    + template.crops() + " encoded crops, got " + n);
        }
        if (encoderOut.length != (long) n * PATCHES * e) {
            throw new IllegalArgumentException("Encoder output holds " + encoderOut.length + " values, ["
                    + n + ", " + PATCHES + ", " + e + "] needs " + (long) n * PATCHES * e);
        }
        int width = 2 * e;
        float[] merged = new float[PATCHES * width];
        for (int p = 0; p < PATCHES; p++) {
            System.arraycopy(encoderOut, p * e, merged, p * width, e);
        }
        if (template.isSingle()) {
            for (int p = 0; p < PATCHES; p++) {
                System.arraycopy(encoderOut, p * e, merged, p * width + e, e);
            }
        } else {
            poolTiles(encoderOut, e, template, index, merged);
        }
        return merged;
    }

    /**
     * The client's {@code adaptive_avg_pool2d} over the tiled [27 * rows, 27 * cols, e] grid, written into the
     * local half of {@code merged}. Its windows are stride = in / out, kernel = in - (out - 1) * stride, which is
     * rows x cols here; as a tile is 27 (odd) patches wide, the middle window row or column straddles two tiles.
     * The client averages float16 features with numpy, which sums in float32 and stores float16; the sums here
     * are float32 too, and the caller's float16 conversion for the projection does the final rounding.
     */
    private static void poolTiles(float[] encoderOut, int e, CropTemplate template, LocalCropIndex index,
            float[] merged) {
        int gridH = SIDE * template.rows();
        int gridW = SIDE * template.cols();
        int strideH = gridH / SIDE;
        int strideW = gridW / SIDE;
        int kernelH = gridH - (SIDE - 1) * strideH;
        int kernelW = gridW - (SIDE - 1) * strideW;
        float count = kernelH * kernelW;
        int[] tileStart = new int[template.rows() * template.cols()];
        for (int r = 0; r < template.rows(); r++) {
            for (int c = 0; c < template.cols(); c++) {
                tileStart[r * template.cols() + c] = index.encoderOutput(r, c, template) * PATCHES * e;
            }
        }
        float[] sums = new float[e];
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                Arrays.fill(sums, 0f);
                for (int h = i * strideH; h < i * strideH + kernelH; h++) {
                    for (int w = j * strideW; w < j * strideW + kernelW; w++) {
                        int tile = (h / SIDE) * template.cols() + w / SIDE;
                        int from = tileStart[tile] + ((h % SIDE) * SIDE + w % SIDE) * e;
                        for (int ch = 0; ch < e; ch++) {
                            sums[ch] += encoderOut[from + ch];
                        }
                    }
                }
                int to = (i * SIDE + j) * 2 * e + e;
                for (int ch = 0; ch < e; ch++) {
                    merged[to + ch] = sums[ch] / count;
                }
            }
        }
    }
}
