package org.darkroom.vision.flows;

import static org.darkroom.flow.JsonSchema.arrayOf;
import static org.darkroom.flow.JsonSchema.described;
import static org.darkroom.flow.JsonSchema.object;
import static org.darkroom.flow.JsonSchema.props;
import static org.darkroom.flow.JsonSchema.type;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.darkroom.flow.RecordSchema;
import org.darkroom.vision.generate.StopReason;

/**
 * The JSON Schemas of the vision flows' results, field for field what {@link GenerationRecord},
 * {@link RegionParams} and {@link VisionAnswers} write. The model gives no confidence, so no schema has one.
 */
final class VisionResults {
    private VisionResults() {
    }

    static Map<String, Object> caption() {
        return answered(generated("caption", "The description, in the model's words."));
    }

    static Map<String, Object> query() {
        Map<String, Object> properties = props("question", described("string", "The question asked."));
        properties.putAll(generated("answer", "The model's answer."));
        return answered(properties);
    }

    static Map<String, Object> detect() {
        return answered(located("boxes", boxes()));
    }

    static Map<String, Object> point() {
        Map<String, Object> point = object(props("x", fraction("of the width"), "y", fraction("of the height")),
                "x", "y");
        return answered(located("points", arrayOf(point, "The centre of each one found, in the model's order.")));
    }

    /** annotate's output: the image drawn, and the boxes drawn on it. */
    static Map<String, Object> annotate() {
        Map<String, Object> properties = RecordSchema.imageOutputProperties();
        properties.putAll(located("boxes", boxes()));
        properties.putAll(encoded());
        return object(properties, "type", "bytes", "width", "height", "object", "boxes", "image", "model");
    }

    private static Map<String, Object> generated(String field, String description) {
        Map<String, Object> stoppedBy = described("string", "Why the text ended: eos when the model finished,"
                + " token_limit when it was cut short at darkroom.vision.max-tokens.");
        stoppedBy.put("enum", List.of(reason(StopReason.EOS), reason(StopReason.TOKEN_LIMIT)));
        return props(field, described("string", description),
                "tokens", described("integer", "How many tokens the model generated."),
                "stopped_by", stoppedBy);
    }

    private static Map<String, Object> located(String field, Map<String, Object> found) {
        return props("object", described("string", "What was looked for."), field, found);
    }

    private static Map<String, Object> boxes() {
        Map<String, Object> box = object(props("x_min", fraction("of the width"), "y_min", fraction("of the height"),
                "x_max", fraction("of the width"), "y_max", fraction("of the height")),
                "x_min", "y_min", "x_max", "y_max");
        return arrayOf(box, "A box around each one found, in the model's order.");
    }

    /** The result with what was encoded and by which model; an answer always holds every one of these fields. */
    private static Map<String, Object> answered(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.putAll(encoded());
        return object(all, all.keySet().toArray(String[]::new));
    }

    private static Map<String, Object> encoded() {
        Map<String, Object> image = object(props(
                "width", described("integer", "The upright width the coordinates are fractions of."),
                "height", described("integer", "The upright height the coordinates are fractions of."),
                "crops", described("integer", "How many crops the image was encoded in."),
                "from_cache", described("boolean", "Whether the encoding was reused from an earlier job on the same"
                        + " bytes.")), "width", "height", "crops", "from_cache");
        return props("image", image, "model", described("string", "The model bundle that answered."));
    }

    private static Map<String, Object> fraction(String ofWhat) {
        Map<String, Object> schema = described("number", "A fraction " + ofWhat + ", from 0 to 1.");
        schema.put("minimum", 0);
        schema.put("maximum", 1);
        return schema;
    }

    private static String reason(StopReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
