package org.darkroom;

import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.darkroom.config.Settings;

/** Settings read from Camel's properties component: the one place that ties {@link Settings} to Camel. */
final class CamelSettings implements Settings.Source {
    private final PropertiesComponent properties;

    private CamelSettings(PropertiesComponent properties) {
        this.properties = properties;
    }

    static Settings of(CamelContext context) {
        return new Settings(new CamelSettings(context.getPropertiesComponent()));
    }

    @Override
    public Optional<String> resolve(String key) {
        return properties.resolveProperty(key);
    }

    @Override
    public Properties withPrefix(String prefix) {
        return properties.loadProperties(key -> key.startsWith(prefix));
    }
}
