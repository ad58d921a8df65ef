package org.darkroom.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.darkroom.config.Settings;

/** Settings as the service reads them: the shipped defaults of application.properties with a test's values over them. */
public final class TestSettings {
    private TestSettings() {
    }

    public static Settings of(Map<String, String> overrides) {
        Properties values = new Properties();
        try (InputStream defaults = TestSettings.class.getResourceAsStream("/application.properties")) {
            values.load(defaults);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        values.putAll(overrides);
        return new Settings(new Settings.Source() {
            @Override
            public Optional<String> resolve(String key) {
                return Optional.ofNullable(values.getProperty(key));
            }

            @Override
            public Properties withPrefix(String prefix) {
                Properties matching = new Properties();
                values.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                        .forEach(key -> matching.setProperty(key, values.getProperty(key)));
                return matching;
            }
        });
    }
}
