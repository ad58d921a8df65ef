package org.darkroom.vision.service;

import java.util.Optional;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowSpec;
import org.darkroom.vision.encode.EncodedImageCache;

/**
 * The vision side of a running Darkroom: the loaded model if there is one, the cache of encoded images and the
 * gate bounding the work. Without a model every vision flow answers {@code model_missing} at once and the rest of
 * Darkroom runs as usual.
 */
public final class VisionService implements AutoCloseable {
    private final VisionSettings settings;
    private final VisionModel model;
    private final EncodedImageCache cache;
    private final VisionGate gate;

    /** @param model the loaded model, or {@code null} when none is installed */
    public VisionService(VisionSettings settings, VisionModel model) {
        this.settings = settings;
        this.model = model;
        this.cache = new EncodedImageCache(settings.cachedImages());
        this.gate = new VisionGate(settings.concurrency(), settings.queue(), settings.timeout());
    }

    /** The check every vision flow's declaration carries, so doors refuse before reading any input. */
    public FlowSpec.Availability availability() {
        return this::model;
    }

    /** The loaded model, or {@code model_missing} naming the command that installs one. */
    public VisionModel model() {
        if (model == null) {
            throw new DarkroomException(ErrorCode.MODEL_MISSING);
        }
        return model;
    }

    public Optional<VisionModel> loaded() {
        return Optional.ofNullable(model);
    }

    public VisionSettings settings() {
        return settings;
    }

    public EncodedImageCache cache() {
        return cache;
    }

    public VisionGate gate() {
        return gate;
    }

    @Override
    public void close() {
        gate.close();
        if (model != null) {
            model.close();
        }
    }
}
