package org.darkroom.inbox;

import org.darkroom.config.SettingException;

/**
 * What becomes of an input once its outputs are committed ({@code darkroom.drop.archive}): kept in {@code archive/}
 * for ever, deleted at once, or kept for a number of days. Archived originals keep everything they came with,
 * GPS positions included, so a site that only needs the outputs should not keep them.
 *
 * @param keepDays how many days an archived input is kept; {@link #FOR_EVER} or {@link #NONE}
 */
public record ArchivePolicy(int keepDays) {
    static final int FOR_EVER = -1;
    static final int NONE = 0;
    public static final ArchivePolicy KEEP = new ArchivePolicy(FOR_EVER);
    public static final ArchivePolicy DELETE = new ArchivePolicy(NONE);

    /** {@code keep}, {@code delete}, or a whole number of days from 1 to 36500. */
    public static ArchivePolicy parse(String key, String value) {
        String text = value == null ? "" : value.trim();
        if (text.equals("keep")) {
            return KEEP;
        }
        if (text.equals("delete")) {
            return DELETE;
        }
        try {
            int days = Integer.parseInt(text);
            if (days >= 1 && days <= 36_500) {
                return new ArchivePolicy(days);
            }
        } catch (NumberFormatException e) {
            // reported below with what is allowed
        }
        throw new SettingException(key + " must be keep, delete or a number of days (1 to 36500), not '" + text
                + "'.");
    }

    /** Whether inputs are moved to {@code archive/} at all. */
    public boolean archives() {
        return keepDays != NONE;
    }

    /** Whether archived inputs are swept after {@link #keepDays}. */
    public boolean expires() {
        return keepDays > 0;
    }
}
