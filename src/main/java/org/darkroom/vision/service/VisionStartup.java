package org.darkroom.vision.service;

import java.nio.file.Path;
import java.util.Optional;
import org.darkroom.vision.model.ModelManifest;
import org.darkroom.vision.model.ModelTrust;
import org.darkroom.vision.model.VerifiedModel;
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
        VerifiedModel verified = ModelTrust.verify(found.get(), settings.modelSha256(), manifest);
        LOG.info("Vision model {}", verified.describe());
        long start = System.nanoTime();
        VisionModel model = VisionModel.load(found.get(), verified.digest().sha256(),
                settings.localCropIndex(), settings.threads());
        LOG.info("Vision model loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
        return new VisionService(settings, model);
    }
}
