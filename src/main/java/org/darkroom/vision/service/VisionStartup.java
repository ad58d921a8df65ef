package org.darkroom.vision.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.darkroom.vision.bundle.MoondreamBundle;
import org.darkroom.vision.model.FileDigest;
import org.darkroom.vision.model.ModelManifest;
import org.darkroom.vision.model.ModelTrust;
import org.darkroom.vision.model.VerifiedModel;
import org.darkroom.vision.preprocess.LocalCropIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings up the vision side at start-up: finds the bundle, verifies it (a bundle that fails verification stops
 * the start, as a weak ImageMagick policy does), and loads it. No bundle at all is not an error: Darkroom runs
 * and the vision flows answer {@code model_missing}.
 */
public final class VisionStartup {
    private static final Logger LOG = LoggerFactory.getLogger(VisionStartup.class);

    private VisionStartup() {
    }

    /** @param home Darkroom's install directory, which holds {@code models/} and its manifest */
    public static VisionService start(VisionSettings settings, Path home) {
        ModelManifest manifest = ModelManifest.ofInstallation(home);
        Optional<Path> found = ModelTrust.locate(settings.model(), home.resolve("models"), manifest);
        if (found.isEmpty()) {
            LOG.warn("No vision model{}: the vision flows answer model_missing. Run ./darkroom fetch-model, or start"
                    + " with --model FILE.", settings.model().map(path -> " at " + path).orElse(" in models/"));
            return new VisionService(settings, null);
        }
        return new VisionService(settings, load(found.get(), settings.modelSha256(), manifest,
                settings.localCropIndex(), settings.threads()));
    }

    /**
     * Reads {@code file} once, hashing it on the way, judges that digest ({@link ModelTrust}), and only then opens
     * its graphs: what is verified is exactly what is loaded.
     */
    public static VisionModel load(Path file, Optional<String> userSha256, ModelManifest manifest,
                                   LocalCropIndex localCropIndex, int threads) {
        long start = System.nanoTime();
        MoondreamBundle bundle = MoondreamBundle.read(file);
        VerifiedModel verified = ModelTrust.verify(file, new FileDigest(bundle.sha256(), bundle.bytesRead()),
                Duration.ofNanos(System.nanoTime() - start), userSha256, manifest);
        LOG.info("Vision model {}", verified.describe());
        long loading = System.nanoTime();
        VisionModel model = VisionModel.load(bundle, file.getFileName().toString(), localCropIndex, threads);
        LOG.info("Vision model loaded in {} ms", (System.nanoTime() - loading) / 1_000_000);
        return model;
    }
}
