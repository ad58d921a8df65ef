package org.darkroom.vision.generate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.darkroom.vision.bundle.MoondreamBundle;
import org.darkroom.vision.bundle.OrtGraphs;

/**
 * Detect and point with a Moondream {@code .mf} bundle, a port of the official client's region loop
 * (moondream.md §5). After the prompt, each decoder call whose argmax is not EOS starts an object: x from the
 * coordinate head, fed back through the coordinate encoder, then y likewise, then (detect only) width and height
 * from the size head, fed back through the size encoder. Only the logits after a whole object (or the prompt)
 * decide "another object or EOS". Bins are linear, {@code argmax / 1024}, as in the {@code .mf} client (the
 * 2025 torch code's log-scale sizes do not apply).
 *
 * <p>Like {@link TextGenerator}, it starts from projected image embeddings, owns nothing and allocates a KV cache
 * per call.
 */
public final class RegionDecoder {
    /** The client's cap on objects per call. */
    public static final int MAX_OBJECTS = 50;

    private static final double BINS = 1024;

    private final OrtGraphs graphs;
    private final HuggingFaceTokenizer tokenizer;
    private final Templates templates;
    private final byte[] initialKv;
    private final int capacity;

    /** What an object turns into once its coordinates (and, for detect, its size) are decoded. */
    private interface Region<T> {
        T of(double x, double y, double w, double h);
    }

    /**
     * @param initialKv the bundle's {@code initial_kv_cache.npy}
     * @param capacity  the KV cache positions allocated per call, normally {@link TextGenerator#MAX_CONTEXT}
     */
    public RegionDecoder(OrtGraphs graphs, HuggingFaceTokenizer tokenizer, Templates templates, byte[] initialKv,
                         int capacity) {
        this.graphs = graphs;
        this.tokenizer = tokenizer;
        this.templates = templates;
        this.initialKv = initialKv.clone();
        this.capacity = capacity;
        Float16Npy.parse(this.initialKv);
    }

    /** A decoder over {@code bundle}'s config and BOS cache with the full {@link TextGenerator#MAX_CONTEXT}. */
    public static RegionDecoder of(MoondreamBundle bundle, OrtGraphs graphs, HuggingFaceTokenizer tokenizer) {
        return new RegionDecoder(graphs, tokenizer, Templates.read(bundle.entry("config.json")),
                bundle.entry("initial_kv_cache.npy"), TextGenerator.MAX_CONTEXT);
    }

    /** The bundle's prompt templates ({@link Templates#hasPoint()} tells whether {@link #point} can work). */
    public Templates templates() {
        return templates;
    }

    /** The detect prompt for {@code object}: the object is encoded with a leading space, as the client does. */
    public long[] detectPrompt(String object) {
        return templates.detect(objectIds(object));
    }

    /**
     * The point prompt for {@code object}, encoded like {@link #detectPrompt}.
     *
     * @throws UnsupportedSkillException if the bundle's config has no point template
     */
    public long[] pointPrompt(String object) {
        return templates.point(objectIds(object));
    }

    /**
     * Boxes around each {@code object} in the image ({@code [1, N, D]} projected embeddings), clamped to it.
     *
     * @param maxObjects at most this many boxes, at most {@link #MAX_OBJECTS}; also clamped to the context
     * @throws CancellationException if the thread is interrupted (checked before every decoder call)
     */
    public Regions<Box> detect(OnnxTensor imageEmbeddings, String object, int maxObjects) throws OrtException {
        return decode(imageEmbeddings, detectPrompt(object), maxObjects, true, Box::around);
    }

    /**
     * The centre of each {@code object} in the image.
     *
     * @param maxPoints at most this many points, at most {@link #MAX_OBJECTS}; also clamped to the context
     * @throws UnsupportedSkillException if the bundle's config has no point template (checked before any work)
     * @throws CancellationException     if the thread is interrupted (checked before every decoder call)
     */
    public Regions<Point> point(OnnxTensor imageEmbeddings, String object, int maxPoints) throws OrtException {
        return decode(imageEmbeddings, pointPrompt(object), maxPoints, false, (x, y, w, h) -> new Point(x, y));
    }

    private long[] objectIds(String object) {
        return tokenizer.encode(" " + object, false, false).getIds();
    }

    private <T> Regions<T> decode(OnnxTensor imageEmbeddings, long[] prompt, int maxObjects, boolean sized,
                                  Region<T> region) throws OrtException {
        if (maxObjects < 1) {
            throw new IllegalArgumentException("maxObjects must be at least 1, got " + maxObjects);
        }
        DecoderSteps steps = DecoderSteps.afterImage(graphs, initialKv, capacity, imageEmbeddings, prompt.length);
        // An object takes x and y (and the size) positions, the last of them being the next decision step.
        int perObject = sized ? 3 : 2;
        int limit = Math.min(Math.min(maxObjects, MAX_OBJECTS), (steps.room() - prompt.length) / perObject);
        List<T> found = new ArrayList<>();
        StopReason reason = StopReason.OBJECT_LIMIT;
        DecoderSteps.Decoded decision = steps.decode(steps.embed(prompt));
        while (found.size() < limit) {
            if (decision.token() == templates.eos()) {
                reason = StopReason.EOS;
                break;
            }
            double x = coordinate(steps, decision);
            double y = coordinate(steps, steps.decode(coordinateEmbedding(steps, x)));
            OnnxTensor next;
            if (sized) {
                double[] size = size(steps, steps.decode(coordinateEmbedding(steps, y)));
                found.add(region.of(x, y, size[0], size[1]));
                // The last object's size embedding is never decoded: no decision follows it.
                next = found.size() < limit ? sizeEmbedding(steps, size) : null;
            } else {
                found.add(region.of(x, y, Double.NaN, Double.NaN));
                next = found.size() < limit ? coordinateEmbedding(steps, y) : null;
            }
            if (next == null) {
                break;
            }
            decision = steps.decode(next);
        }
        return new Regions<>(found, reason, steps.cacheLengths(), steps.timings());
    }

    /** {@code argmax(coord_decoder(hidden[0, -1])) / 1024}. */
    private static double coordinate(DecoderSteps steps, DecoderSteps.Decoded decoded) throws OrtException {
        try (OnnxTensor hidden = decoded.hiddenTensor(steps.environment());
             OrtSession.Result out = steps.run("coord_decoder.onnx", Map.of("input", hidden))) {
            ShortBuffer bins = Half.bits((OnnxTensor) out.get("output").orElseThrow());
            return Half.argmax(bins, 0, bins.remaining()) / BINS;
        }
    }

    /** (w, h) = per-row {@code argmax(size_decoder(hidden[0, -1])) / 1024}, rows [width, height]. */
    private static double[] size(DecoderSteps steps, DecoderSteps.Decoded decoded) throws OrtException {
        try (OnnxTensor hidden = decoded.hiddenTensor(steps.environment());
             OrtSession.Result out = steps.run("size_decoder.onnx", Map.of("input", hidden))) {
            ShortBuffer bins = Half.bits((OnnxTensor) out.get("output").orElseThrow());
            int row = bins.remaining() / 2;
            return new double[] {Half.argmax(bins, 0, row) / BINS, Half.argmax(bins, row, row) / BINS};
        }
    }

    private static OnnxTensor coordinateEmbedding(DecoderSteps steps, double coordinate) throws OrtException {
        return headEmbedding(steps, "coord_encoder.onnx", (float) coordinate);
    }

    private static OnnxTensor sizeEmbedding(DecoderSteps steps, double[] size) throws OrtException {
        return headEmbedding(steps, "size_encoder.onnx", (float) size[0], (float) size[1]);
    }

    /** A region encoder's {@code [D]} output as the decoder's next {@code [1, 1, D]} input; the caller owns it. */
    private static OnnxTensor headEmbedding(DecoderSteps steps, String graph, float... values) throws OrtException {
        try (OnnxTensor in = Half.tensor(steps.environment(), values, values.length);
             OrtSession.Result out = steps.run(graph, Map.of("input", in))) {
            OnnxTensor embedding = (OnnxTensor) out.get("output").orElseThrow();
            return Half.copy(steps.environment(), embedding, 1, 1, embedding.getInfo().getShape()[0]);
        }
    }
}
