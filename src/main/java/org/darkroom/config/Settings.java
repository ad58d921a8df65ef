package org.darkroom.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads {@code darkroom.*} settings from a {@link Source}: in the service, Camel's properties, which layer
 * application.properties, environment variables ({@code DARKROOM_LIMITS_MAX_BYTES} for
 * {@code darkroom.limits.max-bytes}) and system properties. Knowing no Camel itself, it can be read by packages
 * that must not depend on Camel.
 *
 * <p>Every value is checked as it is read, so a bad setting stops the boot with a sentence naming the key.
 */
public final class Settings {
    /** Where values come from. */
    public interface Source {
        /** The raw value of {@code key}, if set anywhere. */
        Optional<String> resolve(String key);

        /** All keys starting with {@code prefix}, with their values. */
        Properties withPrefix(String prefix);
    }

    private final Source source;

    public Settings(Source source) {
        this.source = source;
    }

    public Optional<String> text(String key) {
        return source.resolve(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String requiredText(String key) {
        return text(key).orElseThrow(() -> invalid(key, "must be set"));
    }

    public long positiveLong(String key) {
        String value = requiredText(key);
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw invalid(key, "must be a positive whole number, not '" + value + "'");
    }

    /** A whole number of zero or more, for settings where 0 means "choose for me". */
    public int nonNegativeInt(String key) {
        String value = requiredText(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw invalid(key, "must be 0 or a positive whole number, not '" + value + "'");
    }

    public int positiveInt(String key) {
        long value = positiveLong(key);
        if (value > Integer.MAX_VALUE) {
            throw invalid(key, "must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) value;
    }

    /** A byte count written plainly or with a binary suffix: {@code 52428800}, {@code 50MiB}, {@code 512KiB}. */
    public long bytes(String key) {
        String given = requiredText(key);
        String value = given.toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (String[] suffix : new String[][] {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"}}) {
            if (value.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                value = value.substring(0, value.length() - suffix[0].length());
            }
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return Math.multiplyExact(parsed, unit);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below with the key's name
        }
        throw invalid(key, "must be a positive size such as 50MiB, not '" + given + "'");
    }

    /** A path; relative paths are taken from the directory Darkroom was started in. */
    public Path path(String key, Path startDir) {
        return startDir.resolve(requiredText(key)).toAbsolutePath().normalize();
    }

    /** A comma-separated list; empty when the setting is absent or blank. */
    public List<String> list(String key) {
        return text(key).map(value -> Arrays.stream(value.split(",")).map(String::trim)
                .filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }

    /** {@code true} or {@code false} (any case); absent means false. Anything else stops the boot. */
    public boolean flag(String key) {
        String value = text(key).orElse("false");
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, "must be true or false, not '" + value + "'");
    }

    /** All keys starting with {@code prefix}, as loaded from the properties sources. */
    public Properties withPrefix(String prefix) {
        return source.withPrefix(prefix);
    }

    /** A sentence naming the key (and the flag that sets it, if any): "Setting darkroom.http.port (--port) ...". */
    public static SettingException invalid(String key, String problem) {
        String flag = SettingFlags.flagFor(key).map(name -> " (" + name + ")").orElse("");
        return new SettingException("Setting " + key + flag + " " + problem + ".");
    }
}
