package org.darkroom.vision.flows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.Choice;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.IntRange;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.flow.ParamSpec;
import org.darkroom.flow.Text;
import org.darkroom.magick.ImageOutput;
import org.darkroom.magick.op.DrawBoxes;
import org.darkroom.vision.generate.Box;
import org.darkroom.vision.generate.Point;
import org.darkroom.vision.generate.Regions;

/**
 * The vision flows as data: each one's name, parameters, description, output, route and MCP tool, and the question
 * it puts to the model. Adding a flow is one entry here; the doors pick it up from the catalog.
 */
final class VisionCatalog {
    /** The route caption, query, detect and point run through: encode, then a JSON answer. */
    static final String ROUTE = "direct:vision-flow";
    /** The route annotate runs through: encode, detect, then ImageMagick draws the boxes. */
    static final String ANNOTATE_ROUTE = "direct:annotate-flow";
    /** Long enough for any real question, short enough that the prompt never crowds out the answer. */
    static final int MAX_QUESTION = 500;

    private static final ParamSpec QUESTION = ParamSpec.required("question", new Text(1, MAX_QUESTION),
            "The question, in plain words, e.g. 'What colour is the car?'.");
    private static final ParamSpec MAX_POINTS = ParamSpec.withDefault("max_points",
            new IntRange(1, RegionParams.MAX_OBJECTS), RegionParams.MAX_OBJECTS, "The most points to report.");
    static final ParamSpec COLOR = ParamSpec.withDefault("color", Choice.of(DrawBoxes.COLORS.toArray(String[]::new)),
            "red", "The colour of the box outlines.");

    /** Boxes around every instance of an object. The model gives no confidence, so none is reported. */
    private static final VisionFlow.Question DETECT = (model, image, params, maxTokens) -> {
        String object = params.text(RegionParams.OBJECT.name()).orElseThrow();
        Regions<Box> found = model.regions().detect(image, object,
                params.integer(RegionParams.MAX_BOXES.name()).orElseThrow());
        return RegionParams.answer(object, "boxes", RegionParams.boxes(found.regions()), found);
    };

    private VisionCatalog() {
    }

    /**
     * @param captionLengths the caption templates the bundle has: short and normal in the official bundles
     * @param model          whether a model is loaded
     * @param pointing       whether the loaded model can point (only bundles with a point template can)
     */
    static List<VisionFlow> flows(List<String> captionLengths, FlowSpec.Availability model,
                                  FlowSpec.Availability pointing) {
        String preferred = captionLengths.contains("normal") ? "normal" : captionLengths.get(0);
        ParamSpec length = ParamSpec.withDefault("length", Choice.of(captionLengths.toArray(String[]::new)),
                preferred, "How long a caption: short is a few words, normal a sentence.");
        return List.of(
                new VisionFlow(new FlowSpec("caption", "Describe the image in words with the vision model.",
                        ParamSet.of(length), OutputKind.JSON, ROUTE, "caption_image", model)
                        .withResult(VisionResults.caption()),
                        (m, image, params, maxTokens) -> GenerationRecord.put(new LinkedHashMap<>(), "caption",
                                m.text().caption(image, params.text("length").orElseThrow(), maxTokens))),

                new VisionFlow(new FlowSpec("query", "Answer a question about the image with the vision model.",
                        ParamSet.of(QUESTION), OutputKind.JSON, ROUTE, "ask_image", model)
                        .withResult(VisionResults.query()),
                        (m, image, params, maxTokens) -> {
                            String question = params.text(QUESTION.name()).orElseThrow();
                            Map<String, Object> record = new LinkedHashMap<>();
                            record.put("question", question);
                            return GenerationRecord.put(record, "answer", m.text().query(image, question, maxTokens));
                        }),

                new VisionFlow(new FlowSpec("detect", "Find an object in the image with the vision model: boxes as"
                        + " fractions of the image's width and height.",
                        ParamSet.of(RegionParams.OBJECT, RegionParams.MAX_BOXES), OutputKind.JSON, ROUTE,
                        "detect_objects", model).withResult(VisionResults.detect()), DETECT),

                // Only bundles whose config has a point template can point; the others answer unsupported.
                new VisionFlow(new FlowSpec("point", "Point at an object in the image with the vision model: centres"
                        + " as fractions of the image's width and height.", ParamSet.of(RegionParams.OBJECT,
                        MAX_POINTS), OutputKind.JSON, ROUTE, "point_at_objects", pointing)
                        .withResult(VisionResults.point()),
                        (m, image, params, maxTokens) -> {
                            String object = params.text(RegionParams.OBJECT.name()).orElseThrow();
                            Regions<Point> found = m.regions().point(image, object,
                                    params.integer(MAX_POINTS.name()).orElseThrow());
                            return RegionParams.answer(object, "points", RegionParams.points(found.regions()), found);
                        }),

                // detect's question; the annotate route then has ImageMagick outline the boxes (BoxDrawing).
                new VisionFlow(new FlowSpec("annotate", "Find an object with the vision model and outline it on the"
                        + " image: returns the annotated image and the boxes.", ParamSet.of(RegionParams.OBJECT,
                        RegionParams.MAX_BOXES, COLOR, ImageOutput.FORMAT, ImageOutput.QUALITY),
                        OutputKind.IMAGE_AND_JSON, ANNOTATE_ROUTE, "annotate_image", model)
                        .withResult(VisionResults.annotate()), DETECT));
    }
}
