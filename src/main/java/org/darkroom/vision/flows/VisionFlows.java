package org.darkroom.vision.flows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.DarkroomException;
import org.darkroom.vision.service.VisionMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowSpec;
import org.darkroom.vision.service.VisionModel;
import org.darkroom.vision.service.VisionService;

/**
 * The vision flows put together: their declarations ({@link VisionCatalog}) for the doors, and the beans the
 * routes in {@code routes/vision.camel.yaml} call, {@link VisionEncode} and {@link VisionAnswers}.
 */
public final class VisionFlows {
    private final VisionService service;
    private final List<VisionFlow> flows;
    private final VisionEncode encode;
    private final VisionAnswers answers;

    /** @param maxPixels intake's pixel limit, which also bounds the decoded pixels read back */
    public VisionFlows(VisionService service, VisionMetrics metrics, long maxPixels) {
        this.service = service;
        // Without a model the official bundles' caption lengths are listed, so the catalog does not change shape.
        List<String> lengths = service.loaded().map(m -> m.text().templates().captionLengths())
                .orElse(List.of("short", "normal"));
        flows = VisionCatalog.flows(lengths, service.availability(), this::requirePointing);
        Map<String, VisionFlow> byName = new LinkedHashMap<>();
        flows.forEach(flow -> byName.put(flow.spec().name(), flow));
        encode = new VisionEncode(service, metrics, maxPixels);
        answers = new VisionAnswers(service, metrics, byName);
    }

    public List<FlowSpec> specs() {
        return flows.stream().map(VisionFlow::spec).toList();
    }

    /** The bean the encoding route's steps call ({@code visionEncode}). */
    public VisionEncode encode() {
        return encode;
    }

    /** The bean the answering steps call ({@code visionAnswer}). */
    public VisionAnswers answers() {
        return answers;
    }

    private void requirePointing() {
        VisionModel model = service.model();
        if (!model.text().templates().hasPoint()) {
            throw new DarkroomException(ErrorCode.UNSUPPORTED, "The installed model bundle (" + model.name()
                    + ") has no point prompt, so it cannot point at objects; the Moondream 0.5B bundle never has one."
                    + " Use detect, or a bundle whose config.json has a point template: the 2B bundle may"
                    + " ('./darkroom fetch-model 2b').");
        }
    }
}
