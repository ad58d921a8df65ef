package org.darkroom;

import org.darkroom.config.SettingException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses {@code darkroom.*} settings Darkroom does not know, so a typo such as {@code darkroom.http.prot} stops the
 * start instead of being ignored.
 *
 * <p>The known keys are those of {@code application.properties}: a new key is known once it has its documented
 * default. {@code darkroom.inbox.<name>.<parameter>} keys are open-ended and checked by the inbox bindings instead.
 * System properties are not checked: the {@code darkroom.} namespace there is shared with the launcher and the tests.
 */
final class KnownSettings {
    private static final String PREFIX = "darkroom.";
    private static final String OPEN_ENDED = "darkroom.inbox.";
    /** Set by {@link Darkroom} itself, never by a user. */
    private static final Set<String> INTERNAL = Set.of("darkroom.home", "darkroom.start-dir", ConfigFiles.KEY);
    /** Read by the launcher script, not a setting. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("DARKROOM_JAVA_OPTS");

    private final Set<String> keys = new TreeSet<>();

    KnownSettings() {
        DefaultSettings.get().stringPropertyNames().stream().filter(key -> key.startsWith(PREFIX)).forEach(keys::add);
        keys.addAll(INTERNAL);
    }

    /** Throws for the first unknown {@code darkroom.*} key of a configuration file, naming the file. */
    void check(Map<java.nio.file.Path, java.util.Properties> files) {
        files.forEach((file, properties) -> {
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                if (key.startsWith(PREFIX) && !key.startsWith(OPEN_ENDED) && !keys.contains(key)) {
                    throw new SettingException("Setting " + key + " in " + file + " is not one Darkroom knows"
                            + suggestion(key, false) + "; the README's configuration table lists them all.");
                }
            }
        });
    }

    /** Throws for the first unknown key among the flags and {@code --set} values, then among the environment. */
    void check(Map<String, String> overrides, Map<String, String> environment) {
        for (String key : overrides.keySet()) {
            if (key.startsWith(PREFIX) && !key.startsWith(OPEN_ENDED) && !keys.contains(key)) {
                throw new SettingException("Setting " + key + " is not one Darkroom knows" + suggestion(key, false)
                        + "; the README's configuration table lists them all.");
            }
        }
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("DARKROOM_") && !name.startsWith(environmentName(OPEN_ENDED))
                    && !LAUNCHER_VARIABLES.contains(name)
                    && keys.stream().map(KnownSettings::environmentName).noneMatch(name::equals)) {
                throw new SettingException("Environment variable " + name + " is not a Darkroom setting"
                        + suggestion(name, true) + "; the README's configuration table lists them all.");
            }
        }
    }

    /** {@code darkroom.limits.max-bytes} → {@code DARKROOM_LIMITS_MAX_BYTES}, as Camel looks it up. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** ", did you mean X?" for a near miss (a few letters off), else nothing. */
    private String suggestion(String given, boolean environment) {
        return keys.stream().filter(key -> !INTERNAL.contains(key))
                .map(key -> environment ? environmentName(key) : key)
                .min(Comparator.comparingInt(candidate -> distance(given, candidate)))
                .filter(nearest -> distance(given, nearest) <= Math.max(2, given.length() / 5))
                .map(nearest -> " (did you mean " + nearest + "?)").orElse("");
    }

    /** Levenshtein distance: letters inserted, deleted or changed. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
