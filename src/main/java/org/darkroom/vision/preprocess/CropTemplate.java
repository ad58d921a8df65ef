package org.darkroom.vision.preprocess;

import java.util.List;

/**
 * How the {@code .mf} client tiles an image into local crops: {@code rows} x {@code cols}, or (1,1) for none.
 */
public record CropTemplate(int rows, int cols) {
    /** The side of every crop fed to the vision encoder. */
    public static final int CROP_SIZE = 378;

    public static final CropTemplate SINGLE = new CropTemplate(1, 1);

    /** The client's candidates, in its order: the order decides ties. */
    private static final List<CropTemplate> TILINGS =
            List.of(new CropTemplate(1, 2), new CropTemplate(2, 1), new CropTemplate(2, 2));

    public CropTemplate {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("A crop template needs at least one row and column, got "
                    + rows + "x" + cols);
        }
    }

    /**
     * The client's choice for a {@code width} x {@code height} image: (1,1) below 1.4 crop sides, else the tiling
     * whose cols/rows is closest to the aspect ratio, the first one winning ties (Python's {@code min}).
     */
    public static CropTemplate choose(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        // Same double expression as the client's `max_dim < 378 * 1.4` (529.1999...), so 529 is small, 530 is not.
        if (Math.max(width, height) < CROP_SIZE * 1.4) {
            return SINGLE;
        }
        double aspect = (double) width / height;
        CropTemplate best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (CropTemplate t : TILINGS) {
            double distance = Math.abs((double) t.cols / t.rows - aspect);
            if (distance < bestDistance) {
                best = t;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Crops the encoder sees: the global one, plus one per tile unless this is (1,1). */
    public int crops() {
        return isSingle() ? 1 : 1 + rows * cols;
    }

    public boolean isSingle() {
        return rows == 1 && cols == 1;
    }
}
