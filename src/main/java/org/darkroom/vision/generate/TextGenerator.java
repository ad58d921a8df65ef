package org.darkroom.vision.generate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.darkroom.vision.bundle.MoondreamBundle;
import org.darkroom.vision.bundle.OrtGraphs;

/**
 * Greedy text generation with a Moondream {@code .mf} bundle, a port of the official client's loop
 * (research notes moondream.md §4): prefill the projected image embeddings on top of the BOS cache, prefill the
 * prompt ids, then feed back the argmax token until EOS or {@code maxTokens}.
 *
 * <p>Image encoding (crops, vision encoder, projection) is the caller's job; this class starts from the
 * projected features. It does not own (or close) the graphs or the tokenizer. Each {@link #generate} call
 * allocates its own {@link KvCache}, so calls share nothing but the ONNX Runtime sessions.
 */
public final class TextGenerator {
    /** The models' context: BOS + image + prompt + generated tokens must fit (the client's {@code prepare_kv_cache}). */
    public static final int MAX_CONTEXT = 2048;

    private final OrtGraphs graphs;
    private final HuggingFaceTokenizer tokenizer;
    private final Templates templates;
    private final byte[] initialKv;
    private final int capacity;

    /**
     * @param initialKv the bundle's {@code initial_kv_cache.npy}
     * @param capacity  the KV cache positions allocated per generation, normally {@link #MAX_CONTEXT}
     */
    public TextGenerator(OrtGraphs graphs, HuggingFaceTokenizer tokenizer, Templates templates, byte[] initialKv,
                         int capacity) {
        this.graphs = graphs;
        this.tokenizer = tokenizer;
        this.templates = templates;
        this.initialKv = initialKv.clone();
        this.capacity = capacity;
        Float16Npy.parse(this.initialKv);          // refuse a bad BOS cache now rather than at the first call
    }

    /** A generator over {@code bundle}'s config and BOS cache with the full {@link #MAX_CONTEXT}. */
    public static TextGenerator of(MoondreamBundle bundle, OrtGraphs graphs, HuggingFaceTokenizer tokenizer) {
        return new TextGenerator(graphs, tokenizer, Templates.read(bundle.entry("config.json")),
                bundle.entry("initial_kv_cache.npy"), MAX_CONTEXT);
    }

    /** The bundle's prompt templates. */
    public Templates templates() {
        return templates;
    }

    /** Captions the image with the config's caption template {@code length} ("short" or "normal"). */
    public Generation caption(OnnxTensor imageEmbeddings, String length, int maxTokens) throws OrtException {
        return generate(imageEmbeddings, templates.caption(length), maxTokens);
    }

    /**
     * Generates greedily after {@code imageEmbeddings} ({@code [1, N, D]}, FLOAT16 or FLOAT, the output of
     * {@code vision_projection}) and the prompt ids.
     *
     * @param maxTokens at most this many tokens are generated; also clamped so the cache never overflows
     */
    public Generation generate(OnnxTensor imageEmbeddings, long[] prompt, int maxTokens) throws OrtException {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt has no tokens");
        }
        long[] shape = ((TensorInfo) imageEmbeddings.getInfo()).getShape();
        if (shape.length != 3 || shape[0] != 1 || shape[1] < 1) {
            throw new IllegalArgumentException("Image embeddings must be [1, N, D], got " + Arrays.toString(shape));
        }
        KvCache cache = KvCache.fromNpy(initialKv, capacity);
        if (cache.length() + shape[1] + prompt.length > capacity) {
            throw new IllegalArgumentException("BOS + " + shape[1] + " image + " + prompt.length
                    + " prompt positions exceed the context of " + capacity);
        }
        List<Integer> lengths = new ArrayList<>();

        try (OnnxTensor image = asFloat16(imageEmbeddings)) {
            // One call with all image embeddings, as the client does: the graph's prefix attention over the
            // image is then reproduced. Its logits are not used.
            step(cache, image == null ? imageEmbeddings : image);
        }
        lengths.add(cache.length());

        // Each generated token but the last is fed back and takes one position.
        int limit = Math.min(maxTokens, capacity - (cache.length() + prompt.length) + 1);
        List<Long> tokens = new ArrayList<>();
        StopReason reason = StopReason.TOKEN_LIMIT;
        OnnxTensor input = embed(prompt);
        while (true) {
            long token;
            try (OnnxTensor in = input) {
                token = step(cache, in);
            }
            lengths.add(cache.length());
            if (token == templates.eos()) {
                reason = StopReason.EOS;
                break;
            }
            tokens.add(token);
            if (tokens.size() >= limit) {
                break;
            }
            input = embed(new long[] {token});
        }
        long[] ids = tokens.stream().mapToLong(Long::longValue).toArray();
        // Decode all ids at once: byte-level BPE splits multi-byte characters across tokens.
        return new Generation(tokenizer.decode(ids), ids, reason, lengths);
    }

    /** One decoder call on {@code embeds}: appends its new KV positions and returns the argmax token. */
    private long step(KvCache cache, OnnxTensor embeds) throws OrtException {
        OrtEnvironment env = graphs.environment();
        ShortBuffer fresh;
        int steps;
        long token;
        try (OnnxTensor kv = cache.tensor(env);
             OrtSession.Result out = graphs.session("text_decoder.onnx")
                     .run(Map.of("input_embeds", embeds, "kv_cache", kv))) {
            OnnxTensor newKv = (OnnxTensor) out.get("new_kv_cache").orElseThrow();
            long[] newShape = newKv.getInfo().getShape();
            steps = Math.toIntExact(newShape[newShape.length - 2]);
            fresh = newKv.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();   // a copy
            token = argmax((OnnxTensor) out.get("logits").orElseThrow());
        }
        // Appended after the input view is closed: the append moves the memory that view aliases.
        cache.append(fresh, steps);
        return token;
    }

    private OnnxTensor embed(long[] ids) throws OrtException {
        try (OnnxTensor in = OnnxTensor.createTensor(graphs.environment(), new long[][] {ids});
             OrtSession.Result out = graphs.session("text_encoder.onnx").run(Map.of("input_ids", in))) {
            OnnxTensor embeds = (OnnxTensor) out.get("input_embeds").orElseThrow();
            // Copied so the new tensor outlives the result closed here (one [1, T, D] block). It must be a direct
            // buffer: ONNX Runtime's Java API fails on a heap ByteBuffer for FLOAT16 (ClassCastException).
            ByteBuffer data = embeds.getByteBuffer().order(ByteOrder.nativeOrder());
            ByteBuffer copy = ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.nativeOrder());
            copy.put(data).flip();
            return OnnxTensor.createTensor(graphs.environment(), copy, embeds.getInfo().getShape(), OnnxJavaType.FLOAT16);
        }
    }

    /** A FLOAT16 copy of a FLOAT tensor, or null if it already is FLOAT16. */
    private OnnxTensor asFloat16(OnnxTensor tensor) throws OrtException {
        OnnxJavaType type = tensor.getInfo().type;
        if (type == OnnxJavaType.FLOAT16) {
            return null;
        }
        if (type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("Image embeddings must be FLOAT16 or FLOAT, got " + type);
        }
        FloatBuffer floats = tensor.getFloatBuffer();
        ByteBuffer half = ByteBuffer.allocateDirect(floats.remaining() * 2).order(ByteOrder.nativeOrder());
        ShortBuffer halves = half.asShortBuffer();
        while (floats.hasRemaining()) {
            halves.put(Fp16Conversions.floatToFp16(floats.get()));
        }
        return OnnxTensor.createTensor(graphs.environment(), half, tensor.getInfo().getShape(), OnnxJavaType.FLOAT16);
    }

    /** Greedy choice; the first maximum wins, as numpy's argmax in the reference. */
    private static long argmax(OnnxTensor logits) {
        ShortBuffer half = logits.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();
        int best = 0;
        float max = Fp16Conversions.fp16ToFloat(half.get(0));
        for (int i = 1; i < half.limit(); i++) {
            float v = Fp16Conversions.fp16ToFloat(half.get(i));
            if (v > max) {
                max = v;
                best = i;
            }
        }
        return best;
    }
}
