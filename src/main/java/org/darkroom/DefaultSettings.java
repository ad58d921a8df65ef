package org.darkroom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The defaults in {@code application.properties}, readable before Camel starts: the one list of known settings. */
final class DefaultSettings {
    private static final Properties DEFAULTS = load();

    private DefaultSettings() {
    }

    static Properties get() {
        return DEFAULTS;
    }

    private static Properties load() {
        Properties defaults = new Properties();
        try (InputStream in = DefaultSettings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }
}
