package org.darkroom.vision.bench;

import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.darkroom.vision.generate.KvCache;
import org.darkroom.vision.generate.TextGenerator;

/**
 * What appending one position to a KV cache of a real Moondream size costs in Java, per token, from the image
 * prefill (730 positions) to {@code END}: the decoder takes the cache as one contiguous
 * {@code [24, 2, 1, H, P, 64]} tensor, so every append moves the cache once. No model is needed: the cost
 * depends only on the shape.
 *
 * <pre>
 * java -cp target/darkroom.jar org.darkroom.vision.bench.KvAppendBenchmark [HEADS=16 (0.5B) | 32 (2B)] [END=1750]
 * </pre>
 */
public final class KvAppendBenchmark {
    private static final int LAYERS = 24;
    private static final int HEAD_WIDTH = 64;
    private static final int IMAGE_PREFILL = 730;
    private static final int WINDOW = 50;

    private KvAppendBenchmark() {
    }

    public static void main(String[] args) {
        int heads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int end = args.length > 1 ? Integer.parseInt(args[1]) : 1750;
        long[] shape = {LAYERS, 2, 1, heads, IMAGE_PREFILL, HEAD_WIDTH};
        KvCache cache = KvCache.of(shape, new short[LAYERS * 2 * heads * IMAGE_PREFILL * HEAD_WIDTH],
                TextGenerator.MAX_CONTEXT);
        ShortBuffer one = ShortBuffer.allocate(LAYERS * 2 * heads * HEAD_WIDTH);
        long[] nanos = new long[end - IMAGE_PREFILL];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            cache.append(one.clear(), 1);
            nanos[i] = System.nanoTime() - start;
        }
        System.out.printf(Locale.ROOT, "KV append, %d heads: %.2f ms per token at positions %d-%d, %.2f ms at %d-%d"
                        + " (cache %.0f MB at the end)%n", heads,
                medianMs(Arrays.copyOfRange(nanos, 0, WINDOW)), IMAGE_PREFILL, IMAGE_PREFILL + WINDOW,
                medianMs(Arrays.copyOfRange(nanos, nanos.length - WINDOW, nanos.length)), end - WINDOW, end,
                (double) LAYERS * 2 * heads * end * HEAD_WIDTH * 2 / 1e6);
    }

    private static double medianMs(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
