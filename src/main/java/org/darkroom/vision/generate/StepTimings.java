package org.darkroom.vision.generate;

/**
 * Where one generation's time went, one entry per decoder call in the order of
 * {@link Generation#cacheLengths()} (image prefill, prompt prefill, then one per fed token or region embedding).
 *
 * @param stepNanos       wall time of each step, from the end of the previous step (or the call's start, for the
 *                        first) to the end of this one: input preparation, graph runs, argmax and KV append
 * @param graphNanos      the part of each step spent inside {@code OrtSession.run} (decoder, text encoder and
 *                        region heads)
 * @param firstTokenNanos from the call's start to the end of the prompt step, whose argmax is the first token
 */
public record StepTimings(long[] stepNanos, long[] graphNanos, long firstTokenNanos) {
    public StepTimings {
        if (stepNanos.length != graphNanos.length) {
            throw new IllegalArgumentException(stepNanos.length + " step times but " + graphNanos.length + " graph times");
        }
        stepNanos = stepNanos.clone();
        graphNanos = graphNanos.clone();
    }

    @Override
    public long[] stepNanos() {
        return stepNanos.clone();
    }

    @Override
    public long[] graphNanos() {
        return graphNanos.clone();
    }

    /** The time each step spent outside ONNX Runtime: the Java side's per-step overhead. */
    public long[] overheadNanos() {
        long[] overhead = new long[stepNanos.length];
        for (int i = 0; i < overhead.length; i++) {
            overhead[i] = stepNanos[i] - graphNanos[i];
        }
        return overhead;
    }
}
