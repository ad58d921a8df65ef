package org.darkroom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.darkroom.config.SettingException;

/**
 * One's own Camel routes beside Darkroom's: every {@code *.camel.yaml} in the folder {@code darkroom.routes.extra-dir}
 * names (relative to the start directory) is loaded with the built-in routes, by the service, not by a stdio MCP
 * server (whose stdout belongs to MCP). Read before Camel starts, since it decides what Camel loads: from the flags,
 * the environment, then the configuration files.
 */
final class ExtraRoutes {
    static final String KEY = "darkroom.routes.extra-dir";

    private ExtraRoutes() {
    }

    /** The include pattern to append ({@code ,file:DIR/*.camel.yaml}), or nothing. */
    static String pattern(Map<String, String> settings, ConfigFiles files, Doors doors) {
        Optional<String> dir = Optional.ofNullable(settings.get(KEY))
                .or(() -> Optional.ofNullable(System.getenv(KnownSettings.environmentName(KEY))))
                .or(() -> files.value(KEY))
                .map(String::trim).filter(value -> !value.isEmpty());
        if (dir.isEmpty() || doors.mcpStdio()) {
            return "";
        }
        Path folder = Path.of(settings.get("darkroom.start-dir")).resolve(dir.get()).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new SettingException(KEY + " names " + folder + ", which is not a folder. Create it, or leave the"
                    + " setting empty.");
        }
        return ",file:" + folder + "/*.camel.yaml";
    }
}
