package org.darkroom.inbox;

import org.darkroom.config.Settings;

/**
 * The drop folders' timing ({@code darkroom.drop.*} that Java reads; the file consumer's own options are placed
 * into the route template by Camel).
 *
 * @param settleMillis           how long a file must stay unchanged before it is taken, or a stray moved aside
 * @param progressIntervalMillis how often a running batch logs its progress
 * @param archive                what becomes of an input once its outputs are committed
 */
public record DropSettings(long settleMillis, long progressIntervalMillis, ArchivePolicy archive) {

    public static DropSettings read(Settings settings) {
        return new DropSettings(settings.positiveLong("darkroom.drop.settle-ms"),
                settings.positiveLong("darkroom.drop.progress-interval-ms"),
                ArchivePolicy.parse("darkroom.drop.archive", settings.text("darkroom.drop.archive").orElse("keep")));
    }
}
