package org.darkroom.vision.preprocess;

import static org.darkroom.vision.preprocess.BicubicAxis.HALF;
import static org.darkroom.vision.preprocess.BicubicAxis.clip8;

import java.util.Arrays;

/**
 * PIL's {@code image.crop(box).resize((outW, outH), Image.BICUBIC)} for 8-bit RGB, byte for byte as Pillow 9.4
 * computes it ({@code ImagingResampleInner}): a horizontal pass into an 8-bit intermediate holding only the rows the
 * vertical pass will read, then a vertical pass; a pass whose size does not change is skipped, as Pillow skips it.
 *
 * <p>The Moondream vision encoder was trained on PIL's output, so this follows PIL's integer arithmetic rather than
 * any "better" filter.
 */
public final class PillowBicubic {
    private PillowBicubic() {
    }

    /** The whole image resized, like {@code image.resize((outW, outH), Image.BICUBIC)}. */
    public static RgbImage resize(RgbImage src, int outW, int outH) {
        return resize(src, 0, 0, src.width(), src.height(), outW, outH);
    }

    /**
     * The box {@code [boxX0, boxX1) x [boxY0, boxY1)} of {@code src}, resized to {@code outW} x {@code outH}. The box
     * must lie inside the image (PIL would pad with black; the callers here never need that).
     */
    public static RgbImage resize(RgbImage src, int boxX0, int boxY0, int boxX1, int boxY1, int outW, int outH) {
        if (boxX0 < 0 || boxY0 < 0 || boxX1 > src.width() || boxY1 > src.height() || boxX0 >= boxX1
                || boxY0 >= boxY1) {
            throw new IllegalArgumentException("Crop box (" + boxX0 + ", " + boxY0 + ", " + boxX1 + ", " + boxY1
                    + ") is empty or outside the " + src.width() + "x" + src.height() + " image");
        }
        if (outW < 1 || outH < 1) {
            throw new IllegalArgumentException("Output size must be positive, got " + outW + "x" + outH);
        }
        int boxW = boxX1 - boxX0;
        int boxH = boxY1 - boxY0;
        boolean horizontal = outW != boxW;
        boolean vertical = outH != boxH;
        if (!horizontal && !vertical) {
            return copy(src, boxX0, boxY0, boxW, boxH);
        }

        // The current image: its pixels, row stride, and where the box's top-left pixel starts.
        byte[] pixels = src.rgb();
        int stride = src.width() * 3;
        int origin = boxY0 * stride + boxX0 * 3;

        BicubicAxis rowsAxis = BicubicAxis.of(boxH, outH);
        int rowShift = 0;
        if (horizontal) {
            // Only the rows the vertical pass reads (all of them when the height does not change).
            int firstRow = rowsAxis.first[0];
            int rows = rowsAxis.end() - firstRow;
            pixels = horizontalPass(pixels, stride, origin + firstRow * stride, rows, BicubicAxis.of(boxW, outW));
            stride = outW * 3;
            origin = 0;
            rowShift = firstRow;
        }
        if (!vertical) {
            return new RgbImage(outW, outH, pixels);
        }
        return new RgbImage(outW, outH, verticalPass(pixels, stride, origin, rowShift, outW * 3, rowsAxis));
    }

    private static RgbImage copy(RgbImage src, int x0, int y0, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src.rgb(), ((y0 + y) * src.width() + x0) * 3, out, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    /** {@code ImagingResampleHorizontal_8bpc}: each output pixel is a weighted sum along its input row. */
    private static byte[] horizontalPass(byte[] in, int inStride, int inOrigin, int rows, BicubicAxis axis) {
        int outW = axis.first.length;
        byte[] out = new byte[Math.multiplyExact(rows, outW * 3)];
        int o = 0;
        for (int y = 0; y < rows; y++) {
            int row = inOrigin + y * inStride;
            for (int x = 0; x < outW; x++) {
                int k = x * axis.taps;
                int p = row + axis.first[x] * 3;
                int r = HALF;
                int g = HALF;
                int b = HALF;
                for (int i = 0, n = axis.count[x]; i < n; i++, p += 3) {
                    int w = axis.weights[k + i];
                    r += (in[p] & 0xff) * w;
                    g += (in[p + 1] & 0xff) * w;
                    b += (in[p + 2] & 0xff) * w;
                }
                out[o++] = clip8(r);
                out[o++] = clip8(g);
                out[o++] = clip8(b);
            }
        }
        return out;
    }

    /**
     * {@code ImagingResampleVertical_8bpc}. Pillow sums column by column; this sums row by row into an accumulator
     * line, which reads memory in order. Integer sums do not depend on the order, so the bytes are the same.
     * {@code rowShift} is how many box rows the intermediate starts below the box's top.
     */
    private static byte[] verticalPass(byte[] in, int inStride, int inOrigin, int rowShift, int lineBytes,
            BicubicAxis axis) {
        int outH = axis.first.length;
        byte[] out = new byte[Math.multiplyExact(outH, lineBytes)];
        int[] sums = new int[lineBytes];
        for (int y = 0; y < outH; y++) {
            Arrays.fill(sums, HALF);
            int k = y * axis.taps;
            int row = inOrigin + (axis.first[y] - rowShift) * inStride;
            for (int i = 0, n = axis.count[y]; i < n; i++, row += inStride) {
                int w = axis.weights[k + i];
                for (int c = 0; c < lineBytes; c++) {
                    sums[c] += (in[row + c] & 0xff) * w;
                }
            }
            for (int c = 0, o = y * lineBytes; c < lineBytes; c++) {
                out[o + c] = clip8(sums[c]);
            }
        }
        return out;
    }
}
