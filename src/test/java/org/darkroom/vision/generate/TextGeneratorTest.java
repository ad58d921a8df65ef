package org.darkroom.vision.generate;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.darkroom.vision.bundle.MoondreamBundle;
import org.darkroom.vision.bundle.OrtGraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Greedy generation on the tiny bundle, whose designed answers are in tools/make-tiny-moondream.py. */
class TextGeneratorTest {
    private static final int IMAGE_TOKENS = 729;

    private static OrtGraphs graphs;
    private static HuggingFaceTokenizer tokenizer;
    private static TextGenerator generator;
    private static OnnxTensor image;

    @BeforeAll
    static void load() throws Exception {
        MoondreamBundle bundle = MoondreamBundle.read(
                Path.of(TextGeneratorTest.class.getResource("/moondream/tiny.mf").toURI()));
        graphs = OrtGraphs.load(bundle);
        tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bundle.entry("tokenizer.json")),
                Map.of("addSpecialTokens", "false"));
        generator = TextGenerator.of(bundle, graphs, tokenizer);
        image = greyImageEmbeddings(graphs.environment());
    }

    @AfterAll
    static void close() throws Exception {
        if (image != null) {
            image.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (graphs != null) {
            graphs.close();
        }
    }

    @Test
    void shortCaption() throws Exception {
        Generation g = generator.caption(image, "short", 20);
        assertThat(g.text()).isEqualTo(" a red dot");
        assertThat(g.stopReason()).isEqualTo(StopReason.EOS);
        assertThat(g.tokens()).containsExactly(tokenizer.encode(" a red dot").getIds());
    }

    @Test
    void normalCaption() throws Exception {
        Generation g = generator.caption(image, "normal", 20);
        assertThat(g.text()).isEqualTo(" A white dot.");
        assertThat(g.stopReason()).isEqualTo(StopReason.EOS);
    }

    @Test
    void theTokenLimitStopsAfterExactlyThatManyTokens() throws Exception {
        Generation g = generator.caption(image, "short", 1);
        assertThat(g.stopReason()).isEqualTo(StopReason.TOKEN_LIMIT);
        assertThat(g.tokens()).hasSize(1);
        assertThat(g.text()).isEqualTo(" a");
    }

    @Test
    void theCacheFollowsTheSequenceLayout() throws Exception {
        long[] prompt = generator.templates().caption("short");
        Generation g = generator.generate(image, prompt, 20);
        // BOS, then the image prefill, then the prompt, then +1 per token fed back (every generated token
        // is fed; the step that yields EOS is the last).
        List<Integer> expected = new ArrayList<>();
        int position = 1 + IMAGE_TOKENS;
        expected.add(position);
        position += prompt.length;
        expected.add(position);
        for (int i = 0; i < g.tokens().length; i++) {
            expected.add(++position);
        }
        assertThat(g.cacheLengths()).containsExactlyElementsOf(expected);
        assertThat(g.cacheLengths()).startsWith(730, 735);
    }

    @Test
    void floatImageEmbeddingsGiveTheSameAnswer() throws Exception {
        ShortBuffer halves = image.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();
        float[] floats = new float[halves.remaining()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = Fp16Conversions.fp16ToFloat(halves.get(i));
        }
        try (OnnxTensor asFloat = OnnxTensor.createTensor(graphs.environment(),
                java.nio.FloatBuffer.wrap(floats), image.getInfo().getShape())) {
            assertThat(generator.caption(asFloat, "short", 20).text()).isEqualTo(" a red dot");
        }
    }

    /** Vision encoder + projection on a constant 0.5-grey crop, merged [global | global] as OrtGraphsTest does. */
    private static OnnxTensor greyImageEmbeddings(OrtEnvironment env) throws Exception {
        short grey = Fp16Conversions.floatToFp16(0.5f);
        short[] pixels = new short[3 * 378 * 378];
        java.util.Arrays.fill(pixels, grey);
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
