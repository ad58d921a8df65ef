package org.darkroom.inbox;

import org.darkroom.config.Settings;

/**
 * The drop folders' timing ({@code darkroom.drop.*} that Java reads; the file consumer's own options are placed
 * into the route template by Camel).
 *
 * @param settleMillis           how long a file must stay unchanged before it is taken, or a stray moved aside
 * @param progressIntervalMillis how often a running batch logs its progress
 */
public record DropSettings(long settleMillis, long progressIntervalMillis) {

    public static DropSettings read(Settings settings) {
        return new DropSettings(settings.positiveLong("darkroom.drop.settle-ms"),
                settings.positiveLong("darkroom.drop.progress-interval-ms"));
    }
}
