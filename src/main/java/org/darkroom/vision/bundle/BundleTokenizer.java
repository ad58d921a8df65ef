package org.darkroom.vision.bundle;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The bundle's own {@code tokenizer.json}, opened the way Moondream's prompts need it. */
public final class BundleTokenizer {
    private BundleTokenizer() {
    }

    /**
     * No special tokens (BOS is already in the bundle's initial KV cache) and no truncation or padding: DJL would
     * otherwise cut long text at 512 tokens without a word, and a cut question gets a wrong answer.
     */
    public static HuggingFaceTokenizer open(MoondreamBundle bundle) {
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bundle.entry("tokenizer.json")),
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("The model bundle's tokenizer.json cannot be read", e);
        }
    }
}
