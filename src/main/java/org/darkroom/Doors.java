package org.darkroom;

import org.darkroom.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which doors one Darkroom process opens: {@code inbox} (drop folders), {@code http} (the HTTP server: the REST
 * door and MCP over Streamable HTTP at {@code /mcp}) and {@code mcp} (MCP over stdin/stdout).
 *
 * <p>This decides what is loaded at all, not only what is started: a stdio MCP server launched by a desktop
 * assistant must not take the HTTP port or watch folders, and with the HTTP server off, a route that uses
 * platform-http would stop the boot.
 */
public record Doors(boolean inbox, boolean http, boolean mcpStdio) {
    /** The setting that lists the doors. */
    public static final String KEY = "darkroom.doors";
    private static final String ENVIRONMENT = "DARKROOM_DOORS";
    private static final List<String> NAMES = List.of("inbox", "http", "mcp");

    /** Parses a comma-separated list such as {@code inbox,http}; at least one known door, no unknown ones. */
    public static Doors parse(String value) {
        Set<String> named = new LinkedHashSet<>();
        for (String item : value == null ? new String[0] : value.split(",")) {
            String door = item.trim().toLowerCase(Locale.ROOT);
            if (door.isEmpty()) {
                continue;
            }
            if (!NAMES.contains(door)) {
                throw Settings.invalid(KEY, "names an unknown door '" + door + "'; doors are " + String.join(", ", NAMES));
            }
            named.add(door);
        }
        if (named.isEmpty()) {
            throw Settings.invalid(KEY, "must name at least one door of " + String.join(", ", NAMES));
        }
        return new Doors(named.contains("inbox"), named.contains("http"), named.contains("mcp"));
    }

    /**
     * The doors for a process about to start: from {@code overrides} (command line), else the system property,
     * else {@code DARKROOM_DOORS}, else the configuration files ({@code files}, the last that names it), else the
     * default in application.properties.
     *
     * <p>Resolved before Camel starts because the route files to load depend on it; Camel's own property
     * sources are not readable yet at that point.
     */
    static Doors resolve(Map<String, String> overrides, java.util.Optional<String> files) {
        String value = overrides.get(KEY);
        if (value == null) {
            value = System.getProperty(KEY);
        }
        if (value == null) {
            value = System.getenv(ENVIRONMENT);
        }
        if (value == null) {
            value = files.orElseGet(Doors::defaultValue);
        }
        return parse(value);
    }

    /** MCP tool calls are served when either transport is open. */
    public boolean mcp() {
        return http || mcpStdio;
    }

    /** HTTP and MCP callers may name an image by URL; drop folders never fetch. */
    public boolean fetchesUrls() {
        return http || mcpStdio;
    }

    /**
     * Whether this process serves the data directory as the one service on it: watches its inboxes or answers on a
     * port. A stdio MCP server does neither and may run beside such a service (see DarkroomConfiguration).
     */
    public boolean servesDataDir() {
        return inbox || http;
    }

    /** Camel's routes-include-pattern: only the route files the open doors need. */
    String routesIncludePattern(Path routesDir) {
        Set<String> files = new LinkedHashSet<>(List.of("flows.camel.yaml", "vision.camel.yaml"));
        if (inbox) {
            files.add("inbox.camel.yaml");
        }
        if (mcp()) {
            files.add("mcp.camel.yaml");
        }
        if (http) {
            files.add("http.camel.yaml");
            files.add("mcp-http.camel.yaml");
        }
        List<String> patterns = new ArrayList<>();
        files.forEach(file -> patterns.add("file:" + routesDir.resolve(file)));
        return String.join(",", patterns);
    }

    /** Settings that follow from the doors and must win over any configured value. */
    Map<String, String> forcedSettings() {
        Map<String, String> forced = new LinkedHashMap<>();
        forced.put(KEY, toString());
        if (!http) {
            // No server at all: nothing may listen on the port (health and metrics live on the same server).
            forced.put("camel.server.enabled", "false");
            forced.put("camel.management.enabled", "false");
        }
        return forced;
    }

    @Override
    public String toString() {
        List<String> open = new ArrayList<>();
        if (inbox) {
            open.add("inbox");
        }
        if (http) {
            open.add("http");
        }
        if (mcpStdio) {
            open.add("mcp");
        }
        return String.join(",", open);
    }

    private static String defaultValue() {
        return DefaultSettings.get().getProperty(KEY, "inbox,http");
    }
}
