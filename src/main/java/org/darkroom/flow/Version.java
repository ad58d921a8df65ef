package org.darkroom.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Darkroom's version, as the build wrote it into {@code darkroom-version.properties}: what {@code --version},
 * health, the OpenAPI document, the MCP server, every record and {@code darkroom_build_info} report. Also the
 * version of a library packaged with it, from the library's own Maven metadata.
 */
public final class Version {
    private static final String CURRENT = read("/darkroom-version.properties");

    private Version() {
    }

    public static String current() {
        return CURRENT;
    }

    /** The version of the library {@code group:artifact} on the classpath, as its jar's pom.properties says. */
    public static String ofLibrary(String group, String artifact) {
        return read("/META-INF/maven/" + group + "/" + artifact + "/pom.properties");
    }

    private static String read(String resource) {
        try (InputStream in = Version.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
