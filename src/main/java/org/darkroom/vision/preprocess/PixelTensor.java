package org.darkroom.vision.preprocess;

import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;

/** The vision encoder's input: crops normalised to [-1, 1] as float16, NCHW. */
public final class PixelTensor {
    /**
     * float16 of {@code (v / 255 - 0.5) / 0.5} for every byte value v. The client computes it in float64 and casts
     * to float16; going through float32 first rounds identically for all 256 values (PixelTensorTest checks the
     * table against numpy's result).
     */
    private static final short[] NORMALISED = new short[256];

    static {
        for (int v = 0; v < 256; v++) {
            NORMALISED[v] = Fp16Conversions.floatToFp16((float) ((v / 255.0 - 0.5) / 0.5));
        }
    }

    private PixelTensor() {
    }

    /**
     * A direct, native-order buffer of float16 [N, 3, H, W] (R, G, B planes), ready for an ONNX Runtime tensor.
     * All crops must have the same size (378x378 from {@link Crops}).
     */
    public static ByteBuffer float16Nchw(List<RgbImage> crops) {
        if (crops.isEmpty()) {
            throw new IllegalArgumentException("No crops to encode");
        }
        int width = crops.get(0).width();
        int height = crops.get(0).height();
        int plane = width * height;
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.multiplyExact(crops.size(), plane * 3 * Short.BYTES))
                .order(ByteOrder.nativeOrder());
        ShortBuffer halves = bytes.asShortBuffer();
        short[] line = new short[plane];
        for (RgbImage crop : crops) {
            if (crop.width() != width || crop.height() != height) {
                throw new IllegalArgumentException("Crops differ in size: " + crop + " after " + crops.get(0));
            }
            byte[] rgb = crop.rgb();
            for (int channel = 0; channel < 3; channel++) {
                for (int i = 0, p = channel; i < plane; i++, p += 3) {
                    line[i] = NORMALISED[rgb[p] & 0xff];
                }
                halves.put(line);
            }
        }
        return bytes;
    }
}
