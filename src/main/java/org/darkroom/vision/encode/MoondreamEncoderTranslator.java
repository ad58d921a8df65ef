package org.darkroom.vision.encode;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.darkroom.vision.preprocess.CropTemplate;
import org.darkroom.vision.preprocess.Crops;
import org.darkroom.vision.preprocess.FeatureMerge;
import org.darkroom.vision.preprocess.Float16;
import org.darkroom.vision.preprocess.LocalCropIndex;
import org.darkroom.vision.preprocess.PixelTensor;
import org.darkroom.vision.preprocess.RgbImage;

/**
 * The image-encoding stage as a DJL translator around the {@code vision_encoder} graph (the model the {@code djl:}
 * endpoint runs): before the graph, the crops of the official client (a global 378×378 view plus 0, 2 or 4 local
 * crops by template, bicubic, normalised, float16); after it, the features stitched, pooled and projected by
 * {@code vision_projection} into the embeddings the text decoder takes.
 *
 * <p>Pre- and post-processing are plain Java: DJL's OnnxRuntime engine implements almost no NDArray operations.
 * For the same reason there is no batchifier; the crops already form the batch axis.
 */
public final class MoondreamEncoderTranslator implements Translator<Image, ImageEmbeddings> {
    private static final String TEMPLATE = "darkroom.cropTemplate";
    private static final String SIZE = "darkroom.imageSize";

    private final OrtEnvironment env;
    private final OrtSession projection;
    private final LocalCropIndex localCropIndex;

    public MoondreamEncoderTranslator(OrtEnvironment env, OrtSession projection, LocalCropIndex localCropIndex) {
        this.env = env;
        this.projection = projection;
        this.localCropIndex = localCropIndex;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        RgbImage image = RgbImage.fromBufferedImage((BufferedImage) input.getWrappedImage());
        CropTemplate template = CropTemplate.choose(image.width(), image.height());
        List<RgbImage> crops = Crops.of(image, template);
        ctx.setAttachment(TEMPLATE, template);
        ctx.setAttachment(SIZE, new int[] {image.width(), image.height()});
        NDArray pixels = ctx.getNDManager().create(PixelTensor.float16Nchw(crops),
                new Shape(crops.size(), 3, CropTemplate.CROP_SIZE, CropTemplate.CROP_SIZE), DataType.FLOAT16);
        pixels.setName("input");
        return new NDList(pixels);
    }

    @Override
    public ImageEmbeddings processOutput(TranslatorContext ctx, NDList list) throws OrtException {
        CropTemplate template = (CropTemplate) ctx.getAttachment(TEMPLATE);
        int[] size = (int[]) ctx.getAttachment(SIZE);
        NDArray features = list.singletonOrThrow();
        long[] shape = features.getShape().getShape();         // [N, 729, E]
        int crops = Math.toIntExact(shape[0]);
        int width = Math.toIntExact(shape[2]);
        float[] merged = FeatureMerge.merge(Float16.toFloats(features.toByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer()), crops, width, template,
                localCropIndex);
        try (OnnxTensor in = OnnxTensor.createTensor(env, Float16.toDirectBuffer(merged),
                new long[] {1, shape[1], 2L * width}, OnnxJavaType.FLOAT16);
             OrtSession.Result out = projection.run(Map.of("input", in))) {
            OnnxTensor projected = (OnnxTensor) out.get("output").orElseThrow();
            ByteBuffer bytes = projected.getByteBuffer().order(ByteOrder.nativeOrder());
            return new ImageEmbeddings(bytes, projected.getInfo().getShape(), template, size[0], size[1]);
        }
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
