package org.darkroom.vision.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The token-id prompt templates and end-of-text id from a bundle's {@code config.json}; ids are taken from the
 * config, never hard-coded, because they differ between tokenizers (the tiny test bundle's are not GPT-2's).
 */
public record Templates(JsonNode config, long eos) {
    /** Reads {@code config.json} bytes. */
    public static Templates read(byte[] configJson) {
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(configJson);
        } catch (IOException e) {
            throw new UncheckedIOException("config.json is not valid JSON", e);
        }
        JsonNode eos = config.at("/special_tokens/eos");
        if (!eos.canConvertToLong()) {
            throw new IllegalArgumentException("config.json has no special_tokens.eos");
        }
        return new Templates(config, eos.asLong());
    }

    /** The caption lengths the config has, in its order: "short" and "normal" in the {@code .mf} configs. */
    public List<String> captionLengths() {
        List<String> lengths = new ArrayList<>();
        config.at("/templates/caption").fieldNames().forEachRemaining(lengths::add);
        return List.copyOf(lengths);
    }

    /** The prompt ids of caption length {@code length}, one of {@link #captionLengths()}. */
    public long[] caption(String length) {
        return ids("/templates/caption/" + length, "caption template " + length);
    }

    /** {@code prefix + question ids + suffix}, the query prompt (the question encoded by the caller). */
    public long[] query(long[] question) {
        return wrap("query", question);
    }

    /** {@code prefix + object ids + suffix}, the detect prompt; the reference encodes {@code " " + object}. */
    public long[] detect(long[] object) {
        return wrap("detect", object);
    }

    /** Whether the config has a point template; the 0.5B {@code .mf} bundle has none. */
    public boolean hasPoint() {
        return config.at("/templates/point/prefix").isArray() && config.at("/templates/point/suffix").isArray();
    }

    /**
     * {@code prefix + object ids + suffix}, the point prompt; the reference encodes {@code " " + object}.
     *
     * @throws UnsupportedSkillException if the config has no point template
     */
    public long[] point(long[] object) {
        if (!hasPoint()) {
            throw new UnsupportedSkillException("This model bundle cannot point: its config.json has no point "
                    + "template (the Moondream 0.5B bundle has none). Use a bundle whose config.json has a point "
                    + "template, such as the 2B torch release; the Moondream 2B bundle (./darkroom fetch-model 2b) "
                    + "may have one, which is unverified.");
        }
        return wrap("point", object);
    }

    private long[] wrap(String skill, long[] middle) {
        long[] prefix = ids("/templates/" + skill + "/prefix", skill + " prefix");
        long[] suffix = ids("/templates/" + skill + "/suffix", skill + " suffix");
        long[] all = new long[prefix.length + middle.length + suffix.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(middle, 0, all, prefix.length, middle.length);
        System.arraycopy(suffix, 0, all, prefix.length + middle.length, suffix.length);
        return all;
    }

    private long[] ids(String pointer, String what) {
        JsonNode node = config.at(pointer);
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("config.json has no " + what + " (" + pointer + ")");
        }
        long[] ids = new long[node.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = node.get(i).asLong();
        }
        return ids;
    }
}
