package org.darkroom.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Darkroom's version, as the build wrote it into {@code darkroom-version.properties}: what {@code --version},
 * health, the OpenAPI document, the MCP server, every record and {@code darkroom_build_info} report.
 */
public final class Version {
    private static final String CURRENT = read();

    private Version() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/darkroom-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("darkroom-version.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
