package org.darkroom.vision.preprocess;

import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ShortBuffer;

/** float16 tensors (the encoder's output) read into Java floats, which hold every float16 value exactly. */
public final class Float16 {
    private Float16() {
    }

    /** The remaining values of {@code halves}, widened; the buffer's position is left as it was. */
    public static float[] toFloats(ShortBuffer halves) {
        float[] out = new float[halves.remaining()];
        for (int i = 0, p = halves.position(); i < out.length; i++, p++) {
            out[i] = Fp16Conversions.fp16ToFloat(halves.get(p));
        }
        return out;
    }
}
