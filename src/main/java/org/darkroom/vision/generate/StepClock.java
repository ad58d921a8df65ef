package org.darkroom.vision.generate;

import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Arrays;
import java.util.Map;

/**
 * Collects one generation's {@link StepTimings}. System.nanoTime only, so timing every step costs nothing
 * worth measuring; arrays grow by doubling, so a step records in O(1).
 */
final class StepClock {
    private final long start = System.nanoTime();
    private long stepStart = start;
    private long graphInStep;
    private long[] steps = new long[64];
    private long[] graphs = new long[64];
    private int count;
    private long firstToken = -1;

    /** Runs {@code session}, adding the time inside it to the current step's graph time. */
    OrtSession.Result run(OrtSession session, Map<String, ? extends OnnxTensorLike> inputs) throws OrtException {
        long before = System.nanoTime();
        try {
            return session.run(inputs);
        } finally {
            graphInStep += System.nanoTime() - before;
        }
    }

    /** Closes the current step; the next one starts now. */
    void endStep() {
        long now = System.nanoTime();
        if (count == steps.length) {
            steps = Arrays.copyOf(steps, count * 2);
            graphs = Arrays.copyOf(graphs, count * 2);
        }
        steps[count] = now - stepStart;
        graphs[count] = graphInStep;
        count++;
        stepStart = now;
        graphInStep = 0;
    }

    /** Records the time to first token, once. */
    void firstToken() {
        if (firstToken < 0) {
            firstToken = System.nanoTime() - start;
        }
    }

    StepTimings timings() {
        return new StepTimings(Arrays.copyOf(steps, count), Arrays.copyOf(graphs, count), Math.max(firstToken, 0));
    }
}
