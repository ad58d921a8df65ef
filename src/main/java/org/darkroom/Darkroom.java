package org.darkroom;

import org.darkroom.config.SettingException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.darkroom.flow.PrometheusMeters;
import org.darkroom.mcp.StandardStreams;
import org.darkroom.startup.StartupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.darkroom.flow.Version;

/** Starts Darkroom: camel-main with the routes in {@code routes/} and the beans of {@link DarkroomConfiguration}. */
public final class Darkroom {
    private static final Logger LOG = LoggerFactory.getLogger(Darkroom.class);

    private Darkroom() {
    }

    /**
     * Runs until stopped. A start that fails prints {@code darkroom: <one sentence>} on stderr and exits with
     * {@link StartupFailure#SETTINGS} or {@link StartupFailure#REFUSED}; the stack trace is logged at DEBUG only.
     */
    public static void main(String[] args) {
        if (CommandLine.wantsHelp(args)) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        if (CommandLine.wantsVersion(args)) {
            System.out.println("darkroom " + Version.current());
            return;
        }
        try {
            create(CommandLine.parse(args)).run();
        } catch (Exception | LinkageError e) {
            StartupFailure failure = StartupFailure.of(e);
            LOG.debug("Darkroom did not start", e);
            System.err.println("darkroom: " + failure.sentence());
            System.exit(failure.status());
        }
    }

    /**
     * A configured, not yet started Darkroom; {@code overrides} win over every other source of settings.
     *
     * @throws SettingException for an unknown {@code darkroom.*} key among the overrides or the environment
     */
    public static Main create(Map<String, String> overrides) {
        new KnownSettings().check(overrides, System.getenv());
        Map<String, String> settings = new LinkedHashMap<>();
        String cwd = Path.of("").toAbsolutePath().toString();
        settings.put("darkroom.home", System.getProperty("darkroom.home", cwd));
        settings.put("darkroom.start-dir", System.getProperty("darkroom.start.dir", cwd));
        settings.putAll(overrides);
        ConfigFiles files = ConfigFiles.find(Path.of(settings.get("darkroom.start-dir")), settings.remove(ConfigFiles.KEY));
        new KnownSettings().check(files.contents());
        Doors doors = Doors.resolve(settings, files.value(Doors.KEY));
        settings.putAll(doors.forcedSettings());
        settings.putIfAbsent("camel.main.routes-include-pattern",
                doors.routesIncludePattern(Path.of(settings.get("darkroom.home"), "routes"))
                        + ExtraRoutes.pattern(settings, files, doors));

        Main main = new Main();
        if (doors.mcpStdio()) {
            // Before Camel starts: from here on only MCP messages may reach the real stdout.
            main.bind(StandardStreams.BEAN, StandardStreams.claim());
        }
        // Bound before Camel starts: camel-micrometer-prometheus makes its registry before any configuration runs,
        // and takes this one instead, so Camel's meters pass through its filters too.
        main.bind(PrometheusMeters.BEAN, PrometheusMeters.create());
        main.setPropertyPlaceholderLocations(files.locations());
        main.configure().addConfiguration(new DarkroomConfiguration(doors));
        settings.forEach(main::addOverrideProperty);
        return main;
    }
}
