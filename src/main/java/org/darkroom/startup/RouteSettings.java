package org.darkroom.startup;

import java.util.List;
import org.darkroom.config.Settings;

/**
 * Settings no Darkroom bean reads: the YAML routes and Camel take them from placeholders, and would turn junk into a
 * stack trace at route start (or, for a number, sometimes into a default). Checked with the others, before start.
 */
public final class RouteSettings {
    private static final List<String> POSITIVE_NUMBERS = List.of("darkroom.drop.lock-timeout-ms",
            "darkroom.drop.poll-delay-ms", "darkroom.drop.max-files-per-poll", "camel.main.shutdown-timeout");

    private RouteSettings() {
    }

    public static void check(Settings settings) {
        POSITIVE_NUMBERS.forEach(settings::positiveInt);
    }
}
