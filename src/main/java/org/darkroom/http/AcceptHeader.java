package org.darkroom.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request's {@code Accept} header as RFC 9110 reads it: media ranges with their weights, the most specific range
 * deciding a type's weight ({@code image/png} over {@code image/*} over {@code *}{@code /*}). An absent header
 * accepts everything.
 */
final class AcceptHeader {
    private record Range(String type, String subtype, double weight) {
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean covers(String mediaType) {
            return type.equals("*") || subtype.equals("*") && mediaType.startsWith(type + "/")
                    || mediaType.equals(type + "/" + subtype);
        }
    }

    private final List<Range> ranges;

    private AcceptHeader(List<Range> ranges) {
        this.ranges = ranges;
    }

    static AcceptHeader parse(String header) {
        List<Range> ranges = new ArrayList<>();
        if (header == null || header.isBlank()) {
            ranges.add(new Range("*", "*", 1));
            return new AcceptHeader(ranges);
        }
        for (String element : header.split(",")) {
            String[] parts = element.trim().toLowerCase(Locale.ROOT).split(";");
            String[] type = parts[0].trim().split("/", 2);
            if (type.length == 2 && !type[0].isEmpty() && !type[1].isEmpty()) {
                ranges.add(new Range(type[0], type[1], weight(parts)));
            }
        }
        return new AcceptHeader(ranges);
    }

    /** The weight the caller gives {@code mediaType}, 0 when no range covers it. */
    double weight(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        Range best = null;
        for (Range range : ranges) {
            if (range.covers(type) && (best == null || range.specificity() > best.specificity())) {
                best = range;
            }
        }
        return best == null ? 0 : best.weight();
    }

    /** Whether the caller names {@code mediaType} itself (not through a wildcard) with a weight above zero. */
    boolean names(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        return ranges.stream().anyMatch(range -> range.specificity() == 2 && range.covers(type) && range.weight() > 0);
    }

    private static double weight(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(parameter.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
