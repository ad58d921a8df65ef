package org.darkroom.vision.generate;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.darkroom.vision.bundle.OrtGraphs;

/**
 * The decoder stepping that text generation and region decoding share (moondream.md §4, §5): the image
 * prefill on top of the BOS cache, token embedding, and decoder calls that append to the KV cache and yield
 * the greedy token and the last hidden state.
 *
 * <p>One instance per generation: it holds that generation's {@link KvCache}, cache-length log and
 * {@link StepClock}. Every decoder call first checks the thread's interrupt flag and throws
 * {@link CancellationException} if it is set (the flag is left set for the caller), so a service that
 * interrupts its worker on timeout stops the loop between two decoder calls.
 */
final class DecoderSteps {
    private static final String DECODER = "text_decoder.onnx";
    private static final String TEXT_ENCODER = "text_encoder.onnx";

    /** One decoder call's outcome: the argmax token and the hidden state of the last position. */
    record Decoded(long token, ByteBuffer lastHidden) {
        /** {@code lastHidden} as a {@code [D]} tensor sharing its memory, the region heads' input. */
        OnnxTensor hiddenTensor(OrtEnvironment env) throws OrtException {
            return OnnxTensor.createTensor(env, lastHidden.duplicate(), new long[] {lastHidden.capacity() / 2},
                    OnnxJavaType.FLOAT16);
        }
    }

    private final OrtGraphs graphs;
    private final StepClock clock;
    private final KvCache cache;
    private final List<Integer> lengths = new ArrayList<>();

    private DecoderSteps(OrtGraphs graphs, StepClock clock, KvCache cache) {
        this.graphs = graphs;
        this.clock = clock;
        this.cache = cache;
    }

    /**
     * Starts a generation: the BOS cache from {@code initialKv} with room for {@code capacity} positions, then
     * one decoder call with all of {@code imageEmbeddings} ({@code [1, N, D]}, FLOAT16 or FLOAT, the output of
     * {@code vision_projection}), as the client does, so the graph's prefix attention over the image is
     * reproduced. Its logits are not used.
     *
     * @param promptLength the prompt that must still fit after the image
     */
    static DecoderSteps afterImage(OrtGraphs graphs, byte[] initialKv, int capacity, OnnxTensor imageEmbeddings,
                                   int promptLength) throws OrtException {
        StepClock clock = new StepClock();
        long[] shape = ((TensorInfo) imageEmbeddings.getInfo()).getShape();
        if (shape.length != 3 || shape[0] != 1 || shape[1] < 1) {
            throw new IllegalArgumentException("Image embeddings must be [1, N, D], got " + Arrays.toString(shape));
        }
        KvCache cache = KvCache.fromNpy(initialKv, capacity);
        if (cache.length() + shape[1] + promptLength > capacity) {
            throw new IllegalArgumentException("BOS + " + shape[1] + " image + " + promptLength
                    + " prompt positions exceed the context of " + capacity);
        }
        DecoderSteps steps = new DecoderSteps(graphs, clock, cache);
        try (OnnxTensor converted = asFloat16(graphs.environment(), imageEmbeddings)) {
            steps.step(converted == null ? imageEmbeddings : converted);
        }
        return steps;
    }

    /** The embeddings {@code [1, T, D]} of {@code ids}; the caller owns (closes) the tensor. */
    OnnxTensor embed(long[] ids) throws OrtException {
        try (OnnxTensor in = OnnxTensor.createTensor(graphs.environment(), new long[][] {ids});
             OrtSession.Result out = run(TEXT_ENCODER, Map.of("input_ids", in))) {
            OnnxTensor embeds = (OnnxTensor) out.get("input_embeds").orElseThrow();
            return Half.copy(graphs.environment(), embeds, embeds.getInfo().getShape());
        }
    }

    /**
     * One decoder call on {@code embeds} ({@code [1, T, D]}), which it takes over and closes, also on failure,
     * so a loop can write {@code decode(embed(ids))} without leaking a tensor. The first call after the image
     * prefill is the prompt: it marks the time to first token.
     *
     * @throws CancellationException if the thread is interrupted
     */
    Decoded decode(OnnxTensor embeds) throws OrtException {
        try (embeds) {
            Decoded decoded = step(embeds);
            clock.firstToken();
            return decoded;
        }
    }

    private Decoded step(OnnxTensor embeds) throws OrtException {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Generation cancelled: the thread was interrupted after "
                    + lengths.size() + " decoder calls");
        }
        ShortBuffer fresh;
        int steps;
        long token;
        ByteBuffer hidden;
        try (OnnxTensor kv = cache.tensor(graphs.environment());
             OrtSession.Result out = run(DECODER, Map.of("input_embeds", embeds, "kv_cache", kv))) {
            OnnxTensor newKv = (OnnxTensor) out.get("new_kv_cache").orElseThrow();
            long[] newShape = newKv.getInfo().getShape();
            steps = Math.toIntExact(newShape[newShape.length - 2]);
            fresh = Half.bits(newKv);                                     // a copy, outliving the result
            OnnxTensor logits = (OnnxTensor) out.get("logits").orElseThrow();
            ShortBuffer logitBits = Half.bits(logits);
            token = Half.argmax(logitBits, 0, logitBits.remaining());
            hidden = lastRow((OnnxTensor) out.get("hidden").orElseThrow());
        }
        // Appended after the input view is closed: the append moves the memory that view aliases.
        cache.append(fresh, steps);
        lengths.add(cache.length());
        clock.endStep();
        return new Decoded(token, hidden);
    }

    /** {@code hidden[0, -1, :]} in a direct buffer of its own. */
    private static ByteBuffer lastRow(OnnxTensor hidden) {
        long[] shape = hidden.getInfo().getShape();
        int width = Math.toIntExact(shape[2]) * 2;
        ByteBuffer all = hidden.getByteBuffer();
        ByteBuffer row = Half.direct(width);
        row.put(all.position(all.limit() - width)).flip();
        return row;
    }

    /** Runs another graph of the bundle (a region head), counting its time as graph time of the current step. */
    OrtSession.Result run(String graph, Map<String, ? extends OnnxTensorLike> inputs) throws OrtException {
        return clock.run(graphs.session(graph), inputs);
    }

    OrtEnvironment environment() {
        return graphs.environment();
    }

    /** Positions the cache can still take. */
    int room() {
        return cache.capacity() - cache.length();
    }

    /** The cache length after every decoder call so far. */
    List<Integer> cacheLengths() {
        return List.copyOf(lengths);
    }

    StepTimings timings() {
        return clock.timings();
    }

    /** A FLOAT16 copy of a FLOAT tensor, or null if it already is FLOAT16. */
    private static OnnxTensor asFloat16(OrtEnvironment env, OnnxTensor tensor) throws OrtException {
        OnnxJavaType type = tensor.getInfo().type;
        if (type == OnnxJavaType.FLOAT16) {
            return null;
        }
        if (type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("Image embeddings must be FLOAT16 or FLOAT, got " + type);
        }
        FloatBuffer floats = tensor.getFloatBuffer();
        ByteBuffer half = Half.direct(floats.remaining() * 2);
        ShortBuffer halves = half.asShortBuffer();
        while (floats.hasRemaining()) {
            halves.put(Fp16Conversions.floatToFp16(floats.get()));
        }
        return OnnxTensor.createTensor(env, half, tensor.getInfo().getShape(), OnnxJavaType.FLOAT16);
    }
}
