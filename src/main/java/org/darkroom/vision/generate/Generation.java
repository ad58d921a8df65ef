package org.darkroom.vision.generate;

import java.util.List;

/**
 * The result of one greedy generation: the decoded text, the generated token ids (EOS excluded), why it
 * stopped, the KV cache length after every decoder call (image prefill, prompt prefill, then one per fed
 * token), which exposes the sequence layout to tests, and the timing of each of those calls.
 */
public record Generation(String text, long[] tokens, StopReason stopReason, List<Integer> cacheLengths,
                         StepTimings timings) {
    public Generation {
        tokens = tokens.clone();
        cacheLengths = List.copyOf(cacheLengths);
    }

    @Override
    public long[] tokens() {
        return tokens.clone();
    }
}
