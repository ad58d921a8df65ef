package org.darkroom.vision.bench;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.onnxruntime.OnnxTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.magick.ImagePlan;
import org.darkroom.testing.AcceptedFiles;
import org.darkroom.testing.MagickProcess;
import org.darkroom.vision.encode.ImageEmbeddings;
import org.darkroom.vision.generate.Generation;
import org.darkroom.vision.generate.StepTimings;
import org.darkroom.vision.model.ModelManifest;
import org.darkroom.vision.preprocess.LocalCropIndex;
import org.darkroom.vision.preprocess.Ppm;
import org.darkroom.vision.service.VisionModel;
import org.darkroom.vision.service.VisionStartup;

/**
 * End-to-end caption latency on a bundle, as a user would meet it (figures to compare with published ones): the
 * image encoding (crops, vision encoder, projection, through the same DJL predictor as the {@code djl:} endpoint),
 * the time to the first token, and tokens per second after it. The image is decoded once beforehand, by the
 * service's own ImageMagick job, and that decoding is not timed.
 *
 * <pre>
 * java -Xss8m -Ddarkroom.home=. -cp target/test-classes:target/darkroom.jar org.darkroom.vision.bench.CaptionBenchmark BUNDLE IMAGE [RUNS=3] [SHA256]
 * </pre>
 *
 * The bundle is verified as the service does (manifest, fetch record, or the SHA-256 given).
 */
public final class CaptionBenchmark {
    private static final int MAX_TOKENS = 256;

    private CaptionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Usage: CaptionBenchmark BUNDLE IMAGE [RUNS=3] [SHA256]");
            System.exit(2);
        }
        Path bundle = Path.of(args[0]);
        Path image = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Optional<String> sha256 = args.length > 3 ? Optional.of(args[3]) : Optional.empty();

        Image pixels = decode(image);
        long start = System.nanoTime();
        try (VisionModel model = VisionStartup.load(bundle, sha256,
                ModelManifest.ofInstallation(home()), LocalCropIndex.CLIENT,
                Runtime.getRuntime().availableProcessors());
             Predictor<Image, ImageEmbeddings> encoder = model.encoder().newPredictor(model.encoderTranslator())) {
            System.out.printf(Locale.ROOT, "bundle %s: read, verified and loaded in %.1f s%n", model.name(),
                    seconds(System.nanoTime() - start));
            List<double[]> rows = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {                  // run 0 warms up and is not counted
                long t0 = System.nanoTime();
                ImageEmbeddings embeddings = encoder.predict(pixels);
                long encoded = System.nanoTime() - t0;
                Generation caption;
                try (OnnxTensor tensor = embeddings.tensor(model.graphs().environment())) {
                    caption = model.text().caption(tensor, "normal", MAX_TOKENS);
                }
                long total = System.nanoTime() - t0;
                if (run > 0) {
                    rows.add(row(encoded, total, caption));
                    System.out.printf(Locale.ROOT, "run %d: %d crops, %d tokens, \"%s\"%n", run,
                            embeddings.template().crops(), caption.tokens().length, caption.text().strip());
                }
            }
            report(rows);
        }
    }

    /** encode ms, time to first token ms, tokens/s after the first, total ms. */
    private static double[] row(long encodedNanos, long totalNanos, Generation caption) {
        StepTimings timings = caption.timings();
        long[] steps = timings.stepNanos();
        long afterFirst = 0;
        for (int i = 2; i < steps.length; i++) {
            afterFirst += steps[i];                                    // one step per token fed back
        }
        double tokensPerSecond = steps.length > 2 ? (steps.length - 2) / seconds(afterFirst) : Double.NaN;
        return new double[] {ms(encodedNanos), ms(encodedNanos + timings.firstTokenNanos()), tokensPerSecond,
                ms(totalNanos)};
    }

    private static void report(List<double[]> rows) {
        String[] names = {"image encoding (ms)", "time to first token (ms)", "tokens/s after the first",
                "caption total (ms)"};
        for (int column = 0; column < names.length; column++) {
            double[] values = new double[rows.size()];
            for (int run = 0; run < values.length; run++) {
                values[run] = rows.get(run)[column];
            }
            Arrays.sort(values);
            System.out.printf(Locale.ROOT, "%-26s median %.1f  (min %.1f, max %.1f)%n", names[column],
                    values[values.length / 2], values[0], values[values.length - 1]);
        }
    }

    /**
     * The first frame's upright pixels, decoded by the job the service runs ({@link ImagePlan#rgbPixels}) under the
     * same clean environment, policy and limits; the work files are deleted once the pixels are read.
     */
    private static Image decode(Path image) throws IOException {
        Path work = Files.createTempDirectory("darkroom-bench");
        try {
            AcceptedImage input = AcceptedFiles.copy(image, work.resolve("job"));
            Path ppm = MagickProcess.run(MagickProcess.environment(home(), work),
                    ImagePlan.rgbPixels(input, input.jobDir().resolve("pixels.ppm")));
            return ImageFactory.getInstance().fromImage(Ppm.read(ppm, Long.MAX_VALUE).toBufferedImage());
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The installation: its model manifest and ImageMagick policy directory. */
    private static Path home() {
        return Path.of(System.getProperty("darkroom.home", "."));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
