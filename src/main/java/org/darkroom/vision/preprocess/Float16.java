package org.darkroom.vision.preprocess;

import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * float16 tensors read into Java floats (which hold every float16 value exactly), and floats written back as the
 * float16 input of the next graph.
 */
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

    /** {@code floats} rounded to float16 in a direct buffer: ONNX Runtime's Java API takes FLOAT16 data only so. */
    public static ByteBuffer toDirectBuffer(float[] floats) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(floats.length * 2).order(ByteOrder.nativeOrder());
        ShortBuffer halves = bytes.asShortBuffer();
        for (float value : floats) {
            halves.put(Fp16Conversions.floatToFp16(value));
        }
        return bytes;
    }
}
