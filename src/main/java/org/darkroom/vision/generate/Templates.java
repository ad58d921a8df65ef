package org.darkroom.vision.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

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

    /** The prompt ids of caption length {@code length} ({@code "short"} or {@code "normal"} in the {@code .mf} configs). */
    public long[] caption(String length) {
        return ids("/templates/caption/" + length, "caption template " + length);
    }

    /** {@code prefix + question ids + suffix}, the query prompt (the question encoded by the caller). */
    public long[] query(long[] question) {
        long[] prefix = ids("/templates/query/prefix", "query prefix");
        long[] suffix = ids("/templates/query/suffix", "query suffix");
        long[] all = new long[prefix.length + question.length + suffix.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(question, 0, all, prefix.length, question.length);
        System.arraycopy(suffix, 0, all, prefix.length + question.length, suffix.length);
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
