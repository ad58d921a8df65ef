package org.darkroom.vision.generate;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/** Float16 helpers shared by the decoding classes: every graph input and output of a bundle is float16. */
final class Half {
    private Half() {
    }

    /** The raw float16 bits of a FLOAT16 tensor, in native order (a copy ONNX Runtime makes). */
    static ShortBuffer bits(OnnxTensor tensor) {
        return tensor.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();
    }

    /**
     * The index, relative to {@code from}, of the largest of {@code length} float16 values; the first maximum
     * wins, as numpy's argmax in the reference. Compares bit patterns mapped to ordered ints rather than
     * converting each value: the real logits row has 51,200 entries and this runs once per token.
     */
    static int argmax(ShortBuffer half, int from, int length) {
        int best = 0;
        int max = order(half.get(from));
        for (int i = 1; i < length; i++) {
            int key = order(half.get(from + i));
            if (key > max) {
                max = key;
                best = i;
            }
        }
        return best;
    }

    /** Sign-magnitude float16 bits as an int of the same order (+0 and -0 tie, a positive NaN ranks highest). */
    private static int order(short bits) {
        int magnitude = bits & 0x7fff;
        return bits < 0 ? -magnitude : magnitude;
    }

    /** A FLOAT16 tensor of {@code values}. */
    static OnnxTensor tensor(OrtEnvironment env, float[] values, long... shape) throws OrtException {
        ByteBuffer data = direct(values.length * 2);
        ShortBuffer halves = data.asShortBuffer();
        for (float v : values) {
            halves.put(Fp16Conversions.floatToFp16(v));
        }
        return OnnxTensor.createTensor(env, data, shape, OnnxJavaType.FLOAT16);
    }

    /**
     * A FLOAT16 tensor of shape {@code shape} owning a copy of {@code tensor}'s data, so it outlives the result
     * {@code tensor} belongs to. The copy must be a direct buffer: ONNX Runtime's Java API fails on a heap
     * ByteBuffer for FLOAT16 (ClassCastException).
     */
    static OnnxTensor copy(OrtEnvironment env, OnnxTensor tensor, long... shape) throws OrtException {
        ByteBuffer data = tensor.getByteBuffer().order(ByteOrder.nativeOrder());
        ByteBuffer copy = direct(data.remaining());
        copy.put(data).flip();
        return OnnxTensor.createTensor(env, copy, shape, OnnxJavaType.FLOAT16);
    }

    /** A direct, native-order buffer of {@code bytes} bytes, the only kind ONNX Runtime wraps without a copy. */
    static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
