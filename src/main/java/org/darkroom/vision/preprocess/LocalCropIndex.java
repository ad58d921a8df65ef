package org.darkroom.vision.preprocess;

import java.util.Locale;

/**
 * Which encoder output feeds local crop (r, c) when the local features are reassembled. The encoder's outputs
 * are [global, tile (0,0), tile (0,1), ...] in either case; the two differ only in where they read.
 */
public enum LocalCropIndex {
    /**
     * The official ONNX client ({@code OnnxVL.encode_image}): tile (r, c) is read from output {@code r * cols + c},
     * 0-based, so the first tile slot holds the global crop's features and the last tile's are never used. This
     * is what the {@code .mf} bundles shipped with, whatever the model was trained on.
     */
    CLIENT {
        @Override
        public int encoderOutput(int row, int col, CropTemplate template) {
            return row * template.cols() + col;
        }
    },
    /** The torch code the model was trained with: tile (r, c) is output {@code 1 + r * cols + c}. */
    TRAINED {
        @Override
        public int encoderOutput(int row, int col, CropTemplate template) {
            return 1 + row * template.cols() + col;
        }
    };

    /** Index into the encoder's outputs (0 = the global crop) of tile ({@code row}, {@code col}). */
    public abstract int encoderOutput(int row, int col, CropTemplate template);

    /** {@code "client"} or {@code "trained"}, any case. */
    public static LocalCropIndex parse(String value) {
        if (value != null) {
            for (LocalCropIndex index : values()) {
                if (index.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
                    return index;
                }
            }
        }
        throw new IllegalArgumentException("Unknown local crop index '" + value + "': expected 'client' (the official"
                + " ONNX client's indexing) or 'trained' (the torch code's)");
    }
}
