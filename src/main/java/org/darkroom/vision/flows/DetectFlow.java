package org.darkroom.vision.flows;

import ai.onnxruntime.OnnxTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.vision.generate.Box;
import org.darkroom.vision.generate.Regions;
import org.darkroom.vision.service.VisionModel;

/** {@code detect}: boxes around every instance of an object. The model gives no confidence, so none is reported. */
final class DetectFlow implements VisionFlow {
    private final FlowSpec spec;

    DetectFlow(FlowSpec.Availability availability) {
        spec = new FlowSpec("detect", "Find an object in the image with the vision model: boxes as fractions of"
                + " the image's width and height.", ParamSet.of(RegionParams.OBJECT, RegionParams.MAX_BOXES),
                OutputKind.JSON, VisionFlows.ROUTE, "detect_objects", availability);
    }

    @Override
    public FlowSpec spec() {
        return spec;
    }

    @Override
    public Answer answer(VisionModel model, OnnxTensor image, FlowParameters params, int maxTokens)
            throws Exception {
        String object = params.text(RegionParams.OBJECT.name()).orElseThrow();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("object", object);
        Regions<Box> found = model.regions().detect(image, object,
                params.integer(RegionParams.MAX_BOXES.name()).orElseThrow());
        record.put("boxes", RegionParams.boxes(found.regions()));
        return new Answer(record, found.cacheLengths().size());
    }
}
