package org.darkroom.magick.flows;

import static org.darkroom.flow.JsonSchema.described;
import static org.darkroom.flow.JsonSchema.object;
import static org.darkroom.flow.JsonSchema.props;
import static org.darkroom.flow.JsonSchema.type;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Summarises ImageMagick's {@code exif:*} listing into the fields people ask about, without coordinates; the camera
 * comes from TIFF's own tags when EXIF names none (a developed camera raw, a scan).
 */
final class MetadataSummary {
    private static final Map<String, String> REPORTED = Map.of(
            "exif:Make", "camera_make",
            "exif:Model", "camera_model",
            "exif:DateTimeOriginal", "taken_at",
            "exif:Software", "software");
    private static final Map<String, String> CAMERA_TAGS = Map.of(
            "tiff:make", "camera_make",
            "tiff:model", "camera_model");

    private MetadataSummary() {
    }

    /** Field for field what {@link #of} writes; the camera fields only when the image names them. */
    static Map<String, Object> schema() {
        Map<String, Object> schema = object(props(
                "camera_make", type("string"),
                "camera_model", type("string"),
                "taken_at", described("string", "EXIF's DateTimeOriginal as written, e.g. 2024:05:01 12:30:00."),
                "software", type("string"),
                "exif_tags", described("integer", "How many EXIF tags the image carries."),
                "has_location", described("boolean", "Whether GPS coordinates are embedded; they are never"
                        + " reported.")), "exif_tags", "has_location");
        schema.put("description", "A summary of the embedded metadata, without coordinates.");
        return schema;
    }

    static Map<String, Object> of(String exifListing, String tiffListing) {
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, String> exif = properties(exifListing);
        exif.forEach((key, value) -> report(summary, REPORTED.get(key), value));
        // TIFF's tags only fill in what EXIF left out.
        properties(tiffListing).forEach((key, value) -> {
            if (!summary.containsKey(CAMERA_TAGS.get(key))) {
                report(summary, CAMERA_TAGS.get(key), value);
            }
        });
        summary.put("exif_tags", exif.size());
        summary.put("has_location", exif.keySet().stream()
                .anyMatch(key -> key.startsWith("exif:GPSLatitude") || key.startsWith("exif:GPSLongitude")));
        return summary;
    }

    /** ImageMagick's {@code key=value} lines, in order; a line without a key is skipped. */
    private static Map<String, String> properties(String listing) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                properties.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return properties;
    }

    private static void report(Map<String, Object> summary, String field, String value) {
        if (field != null && !value.isEmpty()) {
            summary.put(field, value.length() > 120 ? value.substring(0, 120) : value);
        }
    }
}
