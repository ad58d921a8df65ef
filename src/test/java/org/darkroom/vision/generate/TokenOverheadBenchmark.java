package org.darkroom.vision.generate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.darkroom.vision.bundle.BundleTokenizer;
import org.darkroom.vision.bundle.MoondreamBundle;
import org.darkroom.vision.bundle.OrtGraphs;

/**
 * Measures the Java side's per-token overhead of {@link TextGenerator}: each decode step's wall time minus the
 * time inside {@code OrtSession.run}, over long generations, and whether it grows with the sequence length
 * beyond the graphs' own growth (first 50 against last 50 token steps).
 *
 * <pre>
 * java ... org.darkroom.vision.generate.TokenOverheadBenchmark BUNDLE [RUNS] [MAX_TOKENS] [CAPTION_LENGTH]
 * </pre>
 *
 * BUNDLE is normally the test bundle {@code src/test/resources/moondream/tiny-bench.mf.gz}, whose "bench"
 * caption (the default) never reaches EOS, so every run generates up to the token limit (default 1300,
 * clamped to the context). Target: median overhead under 0.5 ms per token.
 */
public final class TokenOverheadBenchmark {
    private static final int WINDOW = 50;
    private static final double TARGET_MS = 0.5;

    private TokenOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("Usage: TokenOverheadBenchmark BUNDLE [RUNS=5] [MAX_TOKENS=1300] [CAPTION_LENGTH=bench]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 1300;
        String length = args.length > 3 ? args[3] : "bench";

        MoondreamBundle bundle = MoondreamBundle.read(file);
        try (OrtGraphs graphs = OrtGraphs.load(bundle);
             HuggingFaceTokenizer tokenizer = BundleTokenizer.open(bundle);
             OnnxTensor image = blankImageEmbeddings(graphs)) {
            TextGenerator generator = TextGenerator.of(bundle, graphs, tokenizer);
            generator.caption(image, length, maxTokens);             // warm-up: JIT, ORT arenas
            List<long[]> overhead = new ArrayList<>();
            List<long[]> graph = new ArrayList<>();
            int tokens = 0;
            for (int run = 0; run < runs; run++) {
                Generation g = generator.caption(image, length, maxTokens);
                tokens = g.tokens().length;
                // Steps 0 and 1 are the image and prompt prefills; the rest are one fed token each.
                overhead.add(Arrays.copyOfRange(g.timings().overheadNanos(), 2, g.cacheLengths().size()));
                graph.add(Arrays.copyOfRange(g.timings().graphNanos(), 2, g.cacheLengths().size()));
            }
            report(file, runs, tokens, overhead, graph);
        }
    }

    private static void report(Path file, int runs, int tokens, List<long[]> overhead, List<long[]> graph) {
        int steps = overhead.get(0).length;
        System.out.printf(Locale.ROOT, "bundle %s: %d runs x %d tokens (%d token steps per run)%n",
                file.getFileName(), runs, tokens, steps);
        long[] all = concat(overhead, 0, steps);
        double median = ms(percentile(all, 50));
        System.out.printf(Locale.ROOT, "java overhead per token: median %.4f ms, p95 %.4f ms, max %.4f ms%n",
                median, ms(percentile(all, 95)), ms(percentile(all, 100)));
        System.out.printf(Locale.ROOT, "graph time per token:    median %.4f ms, p95 %.4f ms%n",
                ms(percentile(concat(graph, 0, steps), 50)), ms(percentile(concat(graph, 0, steps), 95)));
        if (steps < 2 * WINDOW) {
            System.out.println("too few token steps to compare first and last " + WINDOW
                    + " (is the caption length one that never ends, with enough MAX_TOKENS?)");
        } else {
            double firstOverhead = ms(percentile(concat(overhead, 0, WINDOW), 50));
            double lastOverhead = ms(percentile(concat(overhead, steps - WINDOW, steps), 50));
            double firstGraph = ms(percentile(concat(graph, 0, WINDOW), 50));
            double lastGraph = ms(percentile(concat(graph, steps - WINDOW, steps), 50));
            System.out.printf(Locale.ROOT, "first %d vs last %d token steps (medians): overhead %.4f -> %.4f ms (x%.2f),"
                            + " graph %.4f -> %.4f ms (x%.2f)%n", WINDOW, WINDOW, firstOverhead, lastOverhead,
                    lastOverhead / firstOverhead, firstGraph, lastGraph, lastGraph / firstGraph);
        }
        System.out.printf(Locale.ROOT, "target median overhead < %.1f ms/token: %s%n", TARGET_MS,
                median < TARGET_MS ? "met" : "NOT met");
    }

    /** Steps {@code from..to} of every run, pooled. */
    private static long[] concat(List<long[]> runs, int from, int to) {
        return runs.stream().flatMapToLong(r -> Arrays.stream(r, from, to)).toArray();
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }


    /** {@code vision_projection} of all-zero features: the decoding cost does not depend on the picture. */
    private static OnnxTensor blankImageEmbeddings(OrtGraphs graphs) throws OrtException {
        OrtSession projection = graphs.session("vision_projection.onnx");
        long width = ((TensorInfo) projection.getInputInfo().get("input").getInfo()).getShape()[2];
        try (OnnxTensor features = Half.tensor(graphs.environment(), new float[(int) (729 * width)], 1, 729, width);
             OrtSession.Result out = projection.run(Map.of("input", features))) {
            OnnxTensor embeddings = (OnnxTensor) out.get("output").orElseThrow();
            return Half.copy(graphs.environment(), embeddings, embeddings.getInfo().getShape());
        }
    }
}
