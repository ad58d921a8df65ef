package org.darkroom.vision.generate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.platform.Fp16Conversions;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.darkroom.vision.bundle.BundleTokenizer;
import org.darkroom.vision.bundle.MoondreamBundle;
import org.darkroom.vision.bundle.OrtGraphs;

/**
 * A tiny test bundle (tools/make-tiny-moondream.py) loaded for real: its graphs in ONNX Runtime, its tokenizer
 * (no special tokens added) and the embeddings of a grey image, shared by the tests of one class.
 */
final class TinyBundle implements AutoCloseable {
    static final int IMAGE_TOKENS = 729;

    final MoondreamBundle bundle;
    final OrtGraphs graphs;
    final HuggingFaceTokenizer tokenizer;
    final OnnxTensor image;

    private TinyBundle(MoondreamBundle bundle, OrtGraphs graphs, HuggingFaceTokenizer tokenizer, OnnxTensor image) {
        this.bundle = bundle;
        this.graphs = graphs;
        this.tokenizer = tokenizer;
        this.image = image;
    }

    /** Loads {@code /moondream/<name>} from the test resources, e.g. "tiny.mf" or "tiny-point.mf.gz". */
    static TinyBundle load(String name) throws Exception {
        MoondreamBundle bundle = MoondreamBundle.read(Path.of(TinyBundle.class.getResource("/moondream/" + name).toURI()));
        OrtGraphs graphs = OrtGraphs.load(bundle);
        HuggingFaceTokenizer tokenizer = BundleTokenizer.open(bundle);
        return new TinyBundle(bundle, graphs, tokenizer, greyImageEmbeddings(graphs));
    }

    TextGenerator textGenerator() {
        return TextGenerator.of(bundle, graphs, tokenizer);
    }

    RegionDecoder regionDecoder() {
        return RegionDecoder.of(bundle, graphs, tokenizer);
    }

    long[] ids(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    @Override
    public void close() throws Exception {
        image.close();
        tokenizer.close();
        graphs.close();
    }

    /** Vision encoder + projection on a constant 0.5-grey crop, merged [global | global] as the client does. */
    private static OnnxTensor greyImageEmbeddings(OrtGraphs graphs) throws Exception {
        OrtEnvironment env = graphs.environment();
        short[] pixels = new short[3 * 378 * 378];
        Arrays.fill(pixels, Fp16Conversions.floatToFp16(0.5f));
        try (OnnxTensor crop = OnnxTensor.createTensor(env, direct(pixels), new long[] {1, 3, 378, 378}, OnnxJavaType.FLOAT16);
             OrtSession.Result vision = graphs.session("vision_encoder.onnx").run(Map.of("input", crop))) {
            OnnxTensor patches = (OnnxTensor) vision.get("output").orElseThrow();
            int e = (int) patches.getInfo().getShape()[2];
            ShortBuffer p = patches.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();
            short[] both = new short[IMAGE_TOKENS * 2 * e];
            for (int i = 0; i < IMAGE_TOKENS; i++) {
                for (int c = 0; c < e; c++) {
                    both[i * 2 * e + c] = p.get(i * e + c);
                    both[i * 2 * e + e + c] = p.get(i * e + c);
                }
            }
            try (OnnxTensor feat = OnnxTensor.createTensor(env, direct(both), new long[] {1, IMAGE_TOKENS, 2 * e},
                    OnnxJavaType.FLOAT16);
                 OrtSession.Result proj = graphs.session("vision_projection.onnx").run(Map.of("input", feat))) {
                OnnxTensor out = (OnnxTensor) proj.get("output").orElseThrow();
                ShortBuffer data = out.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();
                short[] embeds = new short[data.remaining()];
                data.get(embeds);
                return OnnxTensor.createTensor(env, direct(embeds), out.getInfo().getShape(), OnnxJavaType.FLOAT16);
            }
        }
    }

    private static ByteBuffer direct(short[] half) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(half.length * 2).order(ByteOrder.nativeOrder());
        buffer.asShortBuffer().put(half);
        return buffer;
    }
}
