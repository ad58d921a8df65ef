package org.darkroom.vision.flows;

import ai.onnxruntime.OnnxTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.Choice;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.flow.ParamSpec;
import org.darkroom.vision.service.VisionModel;

/** {@code caption}: describes the image in a sentence (or a few words, with {@code length=short}). */
final class CaptionFlow implements VisionFlow {
    private final FlowSpec spec;

    /** @param lengths the caption templates the bundle has: short and normal in the official bundles */
    CaptionFlow(List<String> lengths, FlowSpec.Availability availability) {
        String preferred = lengths.contains("normal") ? "normal" : lengths.get(0);
        spec = new FlowSpec("caption", "Describe the image in words with the vision model.",
                ParamSet.of(ParamSpec.withDefault("length", Choice.of(lengths.toArray(String[]::new)), preferred,
                        "How long a caption: short is a few words, normal a sentence.")),
                OutputKind.JSON, VisionFlows.ROUTE, "caption_image", availability);
    }

    @Override
    public FlowSpec spec() {
        return spec;
    }

    @Override
    public Answer answer(VisionModel model, OnnxTensor image, FlowParameters params, int maxTokens)
            throws Exception {
        String length = params.text("length").orElseThrow();
        Map<String, Object> record = new LinkedHashMap<>();
        return GenerationRecord.put(record, "caption", model.text().caption(image, length, maxTokens));
    }
}
