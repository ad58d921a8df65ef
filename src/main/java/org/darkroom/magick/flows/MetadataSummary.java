package org.darkroom.magick.flows;

import java.util.LinkedHashMap;
import java.util.Map;

/** Summarises ImageMagick's {@code exif:*} listing into the fields people ask about, without coordinates. */
final class MetadataSummary {
    private static final Map<String, String> REPORTED = Map.of(
            "exif:Make", "camera_make",
            "exif:Model", "camera_model",
            "exif:DateTimeOriginal", "taken_at",
            "exif:Software", "software");

    private MetadataSummary() {
    }

    static Map<String, Object> of(String exifListing) {
        Map<String, Object> summary = new LinkedHashMap<>();
        int tags = 0;
        boolean location = false;
        for (String line : exifListing.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            tags++;
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            location |= key.startsWith("exif:GPSLatitude") || key.startsWith("exif:GPSLongitude");
            String field = REPORTED.get(key);
            if (field != null && !value.isEmpty()) {
                summary.put(field, value.length() > 120 ? value.substring(0, 120) : value);
            }
        }
        summary.put("exif_tags", tags);
        summary.put("has_location", location);
        return summary;
    }
}
