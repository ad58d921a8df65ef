package org.darkroom.magick.flows;

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

    static Map<String, Object> of(String exifListing, String tiffListing) {
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
                summary.put(field, clipped(value));
            }
        }
        for (String line : tiffListing.split("\n")) {
            int eq = line.indexOf('=');
            String field = eq <= 0 ? null : CAMERA_TAGS.get(line.substring(0, eq).trim());
            String value = eq <= 0 ? "" : line.substring(eq + 1).trim();
            if (field != null && !value.isEmpty()) {
                summary.putIfAbsent(field, clipped(value));
            }
        }
        summary.put("exif_tags", tags);
        summary.put("has_location", location);
        return summary;
    }

    private static String clipped(String value) {
        return value.length() > 120 ? value.substring(0, 120) : value;
    }
}
