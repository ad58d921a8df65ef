package org.darkroom;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns command-line flags into setting overrides: {@code --data DIR}, {@code --magick PATH}, {@code --set key=value},
 * {@code --mcp}.
 */
final class CommandLine {
    static final String USAGE = """
            usage: darkroom run [--data DIR] [--host ADDRESS] [--port N] [--magick PATH] [--workers N]
                                [--model FILE [--model-sha256 HEX]] [--set darkroom.KEY=VALUE]...
                   darkroom mcp [--data DIR] [--magick PATH] [--workers N] [--model FILE [--model-sha256 HEX]]
                                [--set darkroom.KEY=VALUE]...
              --mcp           serve MCP over stdin/stdout only (what `darkroom mcp` passes); no HTTP, no folders
              --data DIR      where inbox/, outbox/, archive/ and failed/ live (default ./data; env DARKROOM_DATA)
              --host ADDRESS  the HTTP door's address (default 127.0.0.1; others need API keys)
              --port N        the HTTP door's port (default 8080)
              --magick PATH   the ImageMagick binary (default: found in /usr/bin or on PATH)
              --workers N     ImageMagick processes at once (default: one per core)
              --model FILE    the vision model bundle (default: what ./darkroom fetch-model installed;
                              env DARKROOM_MODEL)
              --model-sha256 HEX
                              its SHA-256, needed for a bundle the manifest does not list (env
                              DARKROOM_MODEL_SHA256)
              --set K=V       any setting from the README's configuration table""";

    private CommandLine() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--mcp")) {
                // An MCP server over stdin/stdout only: no HTTP port, no drop folders (see Doors).
                settings.put(Doors.KEY, "mcp");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--data" -> settings.put("darkroom.data", value);
                case "--magick" -> settings.put("darkroom.magick.binary", value);
                case "--workers" -> settings.put("darkroom.workers", value);
                case "--model" -> settings.put("darkroom.model", value);
                case "--model-sha256" -> settings.put("darkroom.model-sha256", value);
                case "--host" -> settings.put("darkroom.http.host", value);
                case "--port" -> settings.put("darkroom.http.port", value);
                case "--set" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set takes KEY=VALUE, not " + value);
                    }
                    settings.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return settings;
    }
}
