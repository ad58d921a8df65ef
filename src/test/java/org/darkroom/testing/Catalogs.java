package org.darkroom.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.magick.flows.MagickFlows;
import org.darkroom.vision.flows.VisionFlows;
import org.darkroom.vision.preprocess.LocalCropIndex;
import org.darkroom.vision.service.VisionMetrics;
import org.darkroom.vision.service.VisionService;
import org.darkroom.vision.service.VisionSettings;

/** The catalog a test Darkroom serves: the image flows, then the vision flows as declared with no model loaded. */
public final class Catalogs {
    private Catalogs() {
    }

    public static FlowCatalog withoutModel() {
        VisionSettings settings = new VisionSettings(Optional.empty(), Optional.empty(), 1, 0, Duration.ofSeconds(1),
                1, 0, LocalCropIndex.CLIENT, 1);
        List<FlowSpec> specs = new ArrayList<>(new MagickFlows().specs());
        // Declaring the flows records nothing, so the metrics need no running context.
        try (VisionService vision = new VisionService(settings, null)) {
            specs.addAll(new VisionFlows(vision, new VisionMetrics(new DefaultCamelContext()), 1).specs());
        }
        return new FlowCatalog(specs);
    }
}
