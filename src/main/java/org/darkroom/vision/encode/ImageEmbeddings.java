package org.darkroom.vision.encode;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.darkroom.vision.preprocess.CropTemplate;

/**
 * An encoded image: the projected features {@code [1, 729, D]} in float16, ready to be prefilled into the text
 * decoder, plus the size of the (upright) image they describe and the crop template that produced them.
 *
 * <p>Immutable once made: the buffer is never written again, so one cached instance serves many requests at once,
 * each through its own tensor view.
 */
public final class ImageEmbeddings {
    private final ByteBuffer float16;
    private final long[] shape;
    private final CropTemplate template;
    private final int width;
    private final int height;

    /** Takes a copy of {@code float16} (native order), so the caller's buffer may be reused. */
    public ImageEmbeddings(ByteBuffer float16, long[] shape, CropTemplate template, int width, int height) {
        ByteBuffer source = float16.duplicate().order(ByteOrder.nativeOrder());
        // Direct: ONNX Runtime's Java API accepts FLOAT16 data only from direct buffers.
        this.float16 = ByteBuffer.allocateDirect(source.remaining()).order(ByteOrder.nativeOrder());
        this.float16.put(source).flip();
        this.shape = shape.clone();
        this.template = template;
        this.width = width;
        this.height = height;
    }

    /** A tensor over the shared bytes; close it after use (the bytes stay). */
    public OnnxTensor tensor(OrtEnvironment env) throws OrtException {
        return OnnxTensor.createTensor(env, float16.duplicate().order(ByteOrder.nativeOrder()), shape,
                OnnxJavaType.FLOAT16);
    }

    public long[] shape() {
        return shape.clone();
    }

    public CropTemplate template() {
        return template;
    }

    /** Width in pixels of the image encoded, after EXIF orientation: what normalised coordinates refer to. */
    public int width() {
        return width;
    }

    /** Height in pixels of the image encoded, after EXIF orientation. */
    public int height() {
        return height;
    }

    /** Bytes held, for the cache's accounting. */
    public long bytes() {
        return float16.capacity();
    }
}
