package org.darkroom.vision.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the tiny bundle's graphs in ONNX Runtime: load-time checks, real forward passes and the tokenizer. */
class OrtGraphsTest {
    private static MoondreamBundle bundle;
    private static OrtGraphs graphs;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws URISyntaxException {
        bundle = MoondreamBundle.read(Path.of(OrtGraphsTest.class.getResource("/moondream/tiny.mf").toURI()));
        graphs = OrtGraphs.load(bundle);
    }

    @AfterAll
    static void close() {
        if (graphs != null) {
            graphs.close();
        }
    }

    @Test
    void everyGraphLoadsAndPassesTheChecks() {
        for (String graph : OrtGraphs.EXPECTED.keySet()) {
            assertThat(graphs.session(graph).getInputNames()).isNotEmpty();
        }
    }

    @Test
    void visionEncoderRuns() throws Exception {
        OrtEnvironment env = graphs.environment();
        try (OnnxTensor image = f16(env, new float[3 * 378 * 378], 1, 3, 378, 378);
             OrtSession.Result out = graphs.session("vision_encoder.onnx").run(Map.of("input", image))) {
            OnnxTensor output = (OnnxTensor) out.get("output").orElseThrow();
            assertThat(((TensorInfo) output.getInfo()).getShape()).containsExactly(1, 729, 4);
            assertThat(((TensorInfo) output.getInfo()).type).isEqualTo(OnnxJavaType.FLOAT16);
        }
    }

    @Test
    void textDecoderGivesTheDesignedFirstTokenForTheShortCaptionPrompt() throws Exception {
        OrtEnvironment env = graphs.environment();
        JsonNode config = new ObjectMapper().readTree(bundle.entry("config.json"));
        long[] prompt = new ObjectMapper().convertValue(config.at("/templates/caption/short"), long[].class);
        short[] kv0 = npyFloat16(bundle.entry("initial_kv_cache.npy"));
        long[] kvShape = {2, 2, 1, 2, 1, 8};

        try (OnnxTensor ids = OnnxTensor.createTensor(env, new long[][] {prompt});
             OrtSession.Result enc = graphs.session("text_encoder.onnx").run(Map.of("input_ids", ids))) {
            OnnxTensor embeds = (OnnxTensor) enc.get("input_embeds").orElseThrow();
            assertThat(((TensorInfo) embeds.getInfo()).getShape()).containsExactly(1, prompt.length, 16);
            try (OnnxTensor kv = OnnxTensor.createTensor(env, fp16Buffer(kv0), kvShape, OnnxJavaType.FLOAT16);
                 OrtSession.Result dec = graphs.session("text_decoder.onnx")
                         .run(Map.of("input_embeds", embeds, "kv_cache", kv))) {
                OnnxTensor logits = (OnnxTensor) dec.get("logits").orElseThrow();
                assertThat(((TensorInfo) logits.getInfo()).getShape()).containsExactly(1, 384);
                assertThat(((TensorInfo) dec.get("hidden").orElseThrow().getInfo()).getShape())
                        .containsExactly(1, prompt.length, 16);
                assertThat(((TensorInfo) dec.get("new_kv_cache").orElseThrow().getInfo()).getShape())
                        .containsExactly(2, 2, 1, 2, prompt.length, 8);

                try (HuggingFaceTokenizer tokenizer = tokenizer()) {
                    long[] answer = tokenizer.encode(" a red dot").getIds();
                    assertThat(argmax(logits)).isEqualTo(answer[0]);   // " a"
                }
            }
        }
    }

    @Test
    void aBundleWithASwappedDecoderIsRefusedNamingTheTensor() throws IOException {
        Path swapped = rewrite("text_decoder.onnx", "vision_projection.onnx");
        assertThatThrownBy(() -> OrtGraphs.load(MoondreamBundle.read(swapped)).close())
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("text_decoder.onnx")
                .hasMessageContaining("input input is not expected")
                .hasMessageContaining("fetch-model");

        Path heads = rewrite("coord_decoder.onnx", "size_decoder.onnx");
        assertThatThrownBy(() -> OrtGraphs.load(MoondreamBundle.read(heads)).close())
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("coord_decoder.onnx")
                .hasMessageContaining("output output is FLOAT16 [2, 1024], expected output FLOAT16 [1024]");
    }

    @Test
    void tokenizerRoundTrips() throws IOException {
        try (HuggingFaceTokenizer tokenizer = tokenizer()) {
            for (String text : new String[] {" a red dot", "café ☕"}) {
                Encoding encoding = tokenizer.encode(text);
                assertThat(java.util.Arrays.stream(encoding.getIds())).allMatch(id -> id >= 0 && id < 336);
                assertThat(tokenizer.decode(encoding.getIds())).isEqualTo(text);
            }
            assertThat(tokenizer.encode(" a red dot").getIds()).hasSize(3);
        }
    }

    private HuggingFaceTokenizer tokenizer() {
        return BundleTokenizer.open(bundle);
    }

    /** Writes the tiny bundle again with entry {@code target} holding the bytes of entry {@code source}. */
    private Path rewrite(String target, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {'M', 'O', 'O', 'N', 1});
            for (String name : bundle.names()) {
                byte[] raw = name.getBytes(StandardCharsets.UTF_8);
                byte[] content = bundle.entry(name.equals(target) ? source : name);
                out.writeInt(raw.length);
                out.write(raw);
                out.writeLong(content.length);
                out.write(content);
            }
        }
        Path file = dir.resolve("swapped-" + target + ".mf");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static OnnxTensor f16(OrtEnvironment env, float[] values, long... shape) throws Exception {
        short[] half = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            half[i] = Fp16Conversions.floatToFp16(values[i]);
        }
        return OnnxTensor.createTensor(env, fp16Buffer(half), shape, OnnxJavaType.FLOAT16);
    }

    private static ByteBuffer fp16Buffer(short[] half) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(half.length * 2).order(ByteOrder.nativeOrder());
        buffer.asShortBuffer().put(half);
        return buffer;
    }

    private static long argmax(OnnxTensor tensor) {
        ShortBuffer half = tensor.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();
        int best = 0;
        for (int i = 1; i < half.capacity(); i++) {
            if (Fp16Conversions.fp16ToFloat(half.get(i)) > Fp16Conversions.fp16ToFloat(half.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /** The data of a little-endian float16 {@code .npy} v1 file. */
    private static short[] npyFloat16(byte[] npy) {
        ByteBuffer buffer = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Short.toUnsignedInt(buffer.getShort(8));
        String header = new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header).contains("'descr': '<f2'");
        buffer.position(10 + headerLength);
        short[] data = new short[buffer.remaining() / 2];
        buffer.asShortBuffer().get(data);
        return data;
    }
}
