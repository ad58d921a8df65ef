package org.darkroom;

import org.darkroom.config.SettingException;
import org.darkroom.config.SettingFlags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns command-line flags into setting overrides: {@code --data DIR}, {@code --magick PATH}, {@code --set key=value},
 * {@code --mcp}.
 */
final class CommandLine {
    /**
     * What {@code --help} prints. It lives in {@code src/main/resources/usage.txt} so the launcher can print the same
     * text without building first.
     */
    static final String USAGE = usage();

    private CommandLine() {
    }

    /** {@code -h} or {@code --help} anywhere: print the usage and start nothing. */
    static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("-h") || arg.equals("--help"));
    }

    /** {@code --version} anywhere: print the version and start nothing. */
    static boolean wantsVersion(String[] args) {
        return Arrays.asList(args).contains("--version");
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
            if (!flag.equals("--set") && !flag.equals("--config") && !SettingFlags.FLAGS.containsKey(flag)) {
                throw new SettingException("Unknown option " + flag + "; ./darkroom run --help lists the options.");
            }
            if (i + 1 >= args.length) {
                throw new SettingException("The option " + flag + " needs a value.");
            }
            String value = args[++i];
            if (flag.equals("--config")) {
                settings.put(ConfigFiles.KEY, value);
            } else if (flag.equals("--set")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new SettingException("--set takes KEY=VALUE, not '" + value + "'.");
                }
                settings.put(value.substring(0, eq).trim(), value.substring(eq + 1));
            } else {
                settings.put(SettingFlags.FLAGS.get(flag), value);
            }
        }
        return settings;
    }

    private static String usage() {
        try (InputStream in = CommandLine.class.getResourceAsStream("/usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
