package org.darkroom;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.darkroom.mcp.StandardStreams;

/** Starts Darkroom: camel-main with the routes in {@code routes/} and the beans of {@link DarkroomConfiguration}. */
public final class Darkroom {
    /** Logged once every door is open; scripts wait for this line. */
    public static final String READY = "Darkroom is ready";

    private Darkroom() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> overrides;
        try {
            overrides = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("darkroom: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        create(overrides).run();
    }

    /** A configured, not yet started Darkroom; {@code overrides} win over every other source of settings. */
    public static Main create(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        String cwd = Path.of("").toAbsolutePath().toString();
        settings.put("darkroom.home", System.getProperty("darkroom.home", cwd));
        settings.put("darkroom.start-dir", System.getProperty("darkroom.start.dir", cwd));
        settings.putAll(overrides);
        Doors doors = Doors.resolve(settings);
        settings.putAll(doors.forcedSettings());
        settings.putIfAbsent("camel.main.routes-include-pattern",
                doors.routesIncludePattern(Path.of(settings.get("darkroom.home"), "routes")));

        Main main = new Main();
        if (doors.mcpStdio()) {
            // Before Camel starts: from here on only MCP messages may reach the real stdout.
            main.bind(StandardStreams.BEAN, StandardStreams.claim());
        }
        main.configure().addConfiguration(DarkroomConfiguration.class);
        settings.forEach(main::addOverrideProperty);
        return main;
    }
}
