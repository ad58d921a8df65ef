package org.darkroom.vision.flows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.IntRange;
import org.darkroom.flow.ParamSpec;
import org.darkroom.flow.Text;
import org.darkroom.vision.generate.Box;
import org.darkroom.vision.generate.Point;
import org.darkroom.vision.generate.Regions;

/** The parameters and result shapes shared by the flows that locate things: detect, point and annotate. */
final class RegionParams {
    /** The official client's cap on objects per image. */
    static final int MAX_OBJECTS = 50;
    static final ParamSpec OBJECT = ParamSpec.required("object", new Text(1, 100),
            "What to find, in a few words, e.g. 'person' or 'red car'.");
    static final ParamSpec MAX_BOXES = ParamSpec.withDefault("max_objects", new IntRange(1, MAX_OBJECTS), MAX_OBJECTS,
            "The most objects to report.");

    private RegionParams() {
    }

    /** The answer of a flow that located {@code object}: the object asked for and what was found, as {@code field}. */
    static Answer answer(String object, String field, List<Map<String, Object>> found, Regions<?> regions) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("object", object);
        record.put(field, found);
        return new Answer(record, regions.cacheLengths().size());
    }

    /** Boxes as {@code x_min, y_min, x_max, y_max} fractions of the image's width and height (0..1). */
    static List<Map<String, Object>> boxes(List<Box> boxes) {
        return boxes.stream().map(box -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("x_min", box.xMin());
            json.put("y_min", box.yMin());
            json.put("x_max", box.xMax());
            json.put("y_max", box.yMax());
            return json;
        }).toList();
    }

    static List<Map<String, Object>> points(List<Point> points) {
        return points.stream().map(point -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("x", point.x());
            json.put("y", point.y());
            return json;
        }).toList();
    }
}
