package org.darkroom.vision.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.darkroom.config.Settings;
import org.darkroom.vision.generate.TextGenerator;
import org.darkroom.vision.preprocess.LocalCropIndex;

/**
 * The vision settings: which bundle to load and how the work on it is bounded.
 *
 * @param model          the bundle file the user chose ({@code .mf} or {@code .mf.gz}); empty = the first bundle of
 *                       the manifest found under {@code models/}. It may be absent: vision flows then answer
 *                       {@code model_missing}
 * @param modelSha256    the SHA-256 a user vouches for, for a bundle the manifest does not know
 * @param concurrency    images encoded or generations run at once
 * @param queue          requests that may wait for a slot; one more is answered {@code busy}
 * @param timeout        the most one request may take, waiting included
 * @param maxTokens      the most tokens a caption or answer may have
 * @param cachedImages   encoded images kept by content hash
 * @param localCropIndex which encoder outputs feed the local features (see {@link LocalCropIndex})
 * @param threads        ONNX Runtime threads per graph call
 */
public record VisionSettings(Optional<Path> model, Optional<String> modelSha256, int concurrency, int queue, Duration timeout,
                             int maxTokens, int cachedImages, LocalCropIndex localCropIndex, int threads) {

    /** @param startDir what a relative {@code darkroom.model} is taken from, as for every path the user types */
    public static VisionSettings read(Settings settings, Path startDir) {
        int maxTokens = settings.positiveInt("darkroom.vision.max-tokens");
        if (maxTokens > TextGenerator.MAX_CONTEXT) {
            throw Settings.invalid("darkroom.vision.max-tokens", "is at most " + TextGenerator.MAX_CONTEXT
                    + ", the model's context");
        }
        int threads = settings.nonNegativeInt("darkroom.vision.threads");
        Optional<Path> model = settings.text("darkroom.model").filter(s -> !s.isBlank())
                .map(s -> startDir.resolve(s).toAbsolutePath().normalize());
        return new VisionSettings(model,
                settings.text("darkroom.model-sha256").filter(s -> !s.isBlank()),
                settings.positiveInt("darkroom.vision.concurrency"), settings.nonNegativeInt("darkroom.vision.queue"),
                Duration.ofMillis(settings.positiveLong("darkroom.vision.timeout-ms")), maxTokens,
                settings.nonNegativeInt("darkroom.vision.cached-images"),
                LocalCropIndex.parse(settings.requiredText("darkroom.vision.local-crop-index")),
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
    }
}
