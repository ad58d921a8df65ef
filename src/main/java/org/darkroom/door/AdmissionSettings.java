package org.darkroom.door;

import org.darkroom.config.Settings;

/**
 * Reads the service's limit of work in progress: {@code darkroom.max-in-flight}, or its older HTTP-only name
 * {@code darkroom.http.max-in-flight}, which still works (from before the limit covered every door).
 */
public final class AdmissionSettings {
    public static final String KEY = "darkroom.max-in-flight";
    public static final String OLD_KEY = "darkroom.http.max-in-flight";

    private AdmissionSettings() {
    }

    /**
     * The gate; 0 (the default) means four places per ImageMagick worker. A drop folder's place is shared by as many
     * files as may run in one ImageMagick process ({@code filesPerProcess}).
     */
    public static Admission read(Settings settings, int workers, int filesPerProcess) {
        int limit = settings.nonNegativeInt(KEY);
        int old = settings.nonNegativeInt(OLD_KEY);
        if (limit > 0 && old > 0 && limit != old) {
            throw Settings.invalid(OLD_KEY, "(" + old + ") is the old name of " + KEY + " (" + limit + "), and the"
                    + " two disagree; keep only " + KEY);
        }
        int chosen = limit > 0 ? limit : old;
        return new Admission(chosen > 0 ? chosen : 4 * workers, filesPerProcess);
    }
}
