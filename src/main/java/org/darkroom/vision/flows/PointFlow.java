package org.darkroom.vision.flows;

import ai.onnxruntime.OnnxTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.IntRange;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.flow.ParamSpec;
import org.darkroom.vision.generate.Point;
import org.darkroom.vision.generate.Regions;
import org.darkroom.vision.service.VisionModel;

/**
 * {@code point}: the centre of every instance of an object. Only bundles whose config has a point template can;
 * the others answer {@code unsupported}.
 */
final class PointFlow implements VisionFlow {
    private static final ParamSpec MAX_POINTS = ParamSpec.withDefault("max_points",
            new IntRange(1, RegionParams.MAX_OBJECTS), RegionParams.MAX_OBJECTS, "The most points to report.");
    private final FlowSpec spec;

    PointFlow(FlowSpec.Availability availability) {
        spec = new FlowSpec("point", "Point at an object in the image with the vision model: centres as fractions"
                + " of the image's width and height.", ParamSet.of(RegionParams.OBJECT, MAX_POINTS),
                OutputKind.JSON, VisionFlows.ROUTE, "point_at_objects", availability);
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
        Regions<Point> found = model.regions().point(image, object,
                params.integer(MAX_POINTS.name()).orElseThrow());
        record.put("points", RegionParams.points(found.regions()));
        return new Answer(record, found.cacheLengths().size());
    }
}
