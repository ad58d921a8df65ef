package org.darkroom.vision.service;

import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.darkroom.vision.bundle.BundleTokenizer;
import org.darkroom.vision.bundle.MoondreamBundle;
import org.darkroom.vision.bundle.OrtGraphs;
import org.darkroom.vision.encode.MoondreamEncoderTranslator;
import org.darkroom.vision.encode.SharedSessionBlock;
import org.darkroom.vision.generate.RegionDecoder;
import org.darkroom.vision.generate.TextGenerator;
import org.darkroom.vision.preprocess.LocalCropIndex;

/**
 * One loaded Moondream bundle: its checked graphs, its tokenizer, the text and region loops over them, and the
 * image encoder as a DJL model + translator pair for the {@code djl:} endpoint. All share the same sessions.
 */
public final class VisionModel implements AutoCloseable {
    private final String name;
    private final OrtGraphs graphs;
    private final HuggingFaceTokenizer tokenizer;
    private final TextGenerator text;
    private final RegionDecoder regions;
    private final Model encoder;
    private final MoondreamEncoderTranslator encoderTranslator;

    private VisionModel(String name, OrtGraphs graphs, HuggingFaceTokenizer tokenizer, TextGenerator text,
                        RegionDecoder regions, Model encoder, MoondreamEncoderTranslator encoderTranslator) {
        this.name = name;
        this.graphs = graphs;
        this.tokenizer = tokenizer;
        this.text = text;
        this.regions = regions;
        this.encoder = encoder;
        this.encoderTranslator = encoderTranslator;
    }

    /**
     * Opens and checks every graph of {@code bundle} (already verified); the bundle's bytes are not kept.
     *
     * @param name the bundle's file name, for records and messages
     */
    public static VisionModel load(MoondreamBundle bundle, String name, LocalCropIndex localCropIndex, int threads) {
        OrtGraphs graphs = OrtGraphs.load(bundle, threads);
        HuggingFaceTokenizer tokenizer = null;
        try {
            tokenizer = BundleTokenizer.open(bundle);
            TextGenerator text = TextGenerator.of(bundle, graphs, tokenizer);
            RegionDecoder regions = RegionDecoder.of(bundle, graphs, tokenizer);
            Model encoder = SharedSessionBlock.modelOver("moondream-vision-encoder",
                    graphs.session("vision_encoder.onnx"));
            MoondreamEncoderTranslator translator = new MoondreamEncoderTranslator(graphs.environment(),
                    graphs.session("vision_projection.onnx"), localCropIndex);
            return new VisionModel(name, graphs, tokenizer, text, regions, encoder,
                    translator);
        } catch (RuntimeException e) {
            close(tokenizer, graphs);
            throw e;
        }
    }

    private static void close(HuggingFaceTokenizer tokenizer, OrtGraphs graphs) {
        if (tokenizer != null) {
            tokenizer.close();
        }
        graphs.close();
    }

    /** The bundle's file name, for records and messages. */
    public String name() {
        return name;
    }

    public OrtGraphs graphs() {
        return graphs;
    }

    public TextGenerator text() {
        return text;
    }

    public RegionDecoder regions() {
        return regions;
    }

    /** The vision encoder, bound as the {@code djl:} endpoint's model. */
    public Model encoder() {
        return encoder;
    }

    /** The crops-in, embeddings-out translator, bound as the {@code djl:} endpoint's translator. */
    public MoondreamEncoderTranslator encoderTranslator() {
        return encoderTranslator;
    }

    @Override
    public void close() {
        encoder.close();
        tokenizer.close();
        graphs.close();
    }
}
