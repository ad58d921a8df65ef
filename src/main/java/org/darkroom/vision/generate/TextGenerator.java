package org.darkroom.vision.generate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.darkroom.vision.bundle.MoondreamBundle;
import org.darkroom.vision.bundle.OrtGraphs;

/**
 * Greedy text generation (caption, query) with a Moondream {@code .mf} bundle, a port of the official client's
 * loop (research notes moondream.md §4): prefill the projected image embeddings on top of the BOS cache,
 * prefill the prompt ids, then feed back the argmax token until EOS or {@code maxTokens}.
 *
 * <p>Image encoding (crops, vision encoder, projection) is the caller's job; this class starts from the
 * projected features. It does not own (or close) the graphs or the tokenizer. Each call allocates its own
 * {@link KvCache}, so calls share nothing but the ONNX Runtime sessions and may run concurrently.
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

    /**
     * Captions the image with the config's caption template {@code length} (one of
     * {@link Templates#captionLengths()}: "short" and "normal" in the {@code .mf} configs).
     *
     * @throws IllegalArgumentException if the config has no such caption length
     * @throws CancellationException    if the thread is interrupted (checked before every decoder call)
     */
    public Generation caption(OnnxTensor imageEmbeddings, String length, int maxTokens) throws OrtException {
        return generate(imageEmbeddings, templates.caption(length), maxTokens);
    }

    /**
     * Answers {@code question} about the image, with the prompt of {@link #queryPrompt(String)}.
     *
     * @throws CancellationException if the thread is interrupted (checked before every decoder call)
     */
    public Generation query(OnnxTensor imageEmbeddings, String question, int maxTokens) throws OrtException {
        return generate(imageEmbeddings, queryPrompt(question), maxTokens);
    }

    /**
     * The query prompt: the config's query prefix, the tokenizer's ids of {@code question} exactly as given, then
     * the suffix. Like the official {@code .mf} client, no space is put before the question (the torch code adds
     * one from 2025-03-27; moondream.md §3.2) and no special tokens are added (BOS is already in the KV cache).
     */
    public long[] queryPrompt(String question) {
        return templates.query(tokenizer.encode(question, false, false).getIds());
    }

    /**
     * Generates greedily after {@code imageEmbeddings} ({@code [1, N, D]}, FLOAT16 or FLOAT, the output of
     * {@code vision_projection}) and the prompt ids.
     *
     * @param maxTokens at most this many tokens are generated; also clamped so the cache never overflows
     * @throws CancellationException if the thread is interrupted (checked before every decoder call; the
     *                               interrupt flag stays set)
     */
    public Generation generate(OnnxTensor imageEmbeddings, long[] prompt, int maxTokens) throws OrtException {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt has no tokens");
        }
        DecoderSteps steps = DecoderSteps.afterImage(graphs, initialKv, capacity, imageEmbeddings, prompt.length);
        // Each generated token but the last is fed back and takes one position.
        int limit = Math.min(maxTokens, steps.room() - prompt.length + 1);
        long[] tokens = new long[limit];
        int count = 0;
        StopReason reason = StopReason.TOKEN_LIMIT;
        DecoderSteps.Decoded decoded = steps.decode(steps.embed(prompt));
        while (true) {
            long token = decoded.token();
            if (token == templates.eos()) {
                reason = StopReason.EOS;
                break;
            }
            tokens[count++] = token;
            if (count >= limit) {
                break;
            }
            decoded = steps.decode(steps.embed(new long[] {token}));
        }
        long[] ids = Arrays.copyOf(tokens, count);
        // Decode all ids at once: byte-level BPE splits multi-byte characters across tokens.
        return new Generation(tokenizer.decode(ids), ids, reason, steps.cacheLengths(), steps.timings());
    }
}
