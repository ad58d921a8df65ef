package org.darkroom;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.darkroom.config.SettingException;

/**
 * The properties files a start reads on top of the built-in defaults, as Camel users expect: an
 * {@code application.properties} in the directory Darkroom was started from, then the file {@code --config} names.
 * A later file wins over an earlier one; environment variables and flags win over every file.
 */
final class ConfigFiles {
    /** Where {@link CommandLine} puts the {@code --config} value; never passed on to Camel. */
    static final String KEY = "darkroom.config-file";
    private static final String DEFAULTS = "classpath:application.properties";
    private static final String IN_START_DIR = "application.properties";

    /** Each file's settings, read once, in order of precedence (the last wins). */
    private final Map<Path, Properties> contents;

    private ConfigFiles(Map<Path, Properties> contents) {
        this.contents = contents;
    }

    /** The files for a start from {@code startDir} with {@code configFile} (relative to it), or none given. */
    static ConfigFiles find(Path startDir, String configFile) {
        List<Path> files = new ArrayList<>();
        Path local = startDir.resolve(IN_START_DIR);
        if (Files.isRegularFile(local)) {
            files.add(local.toAbsolutePath().normalize());
        }
        if (configFile != null) {
            Path named = startDir.resolve(configFile).toAbsolutePath().normalize();
            if (!Files.isRegularFile(named)) {
                throw new SettingException("The configuration file " + named + " (--config) does not exist or is"
                        + " not a file.");
            }
            if (!files.contains(named)) {
                files.add(named);
            }
        }
        Map<Path, Properties> contents = new LinkedHashMap<>();
        for (Path file : files) {
            contents.put(file, read(file));
        }
        return new ConfigFiles(contents);
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /**
     * Camel's property locations. Camel takes a key from the first location that has it, so the order is the
     * reverse of precedence: the {@code --config} file, the start directory's, then the built-in defaults.
     */
    String locations() {
        List<Path> files = new ArrayList<>(contents.keySet());
        StringBuilder locations = new StringBuilder();
        for (int i = files.size() - 1; i >= 0; i--) {
            locations.append("file:").append(files.get(i)).append(',');
        }
        return locations.append(DEFAULTS).toString();
    }

    /** Every file's settings, each with the file it came from, for checking their keys. */
    Map<Path, Properties> contents() {
        return contents;
    }

    /** The value the last file that names {@code key} gives it. */
    Optional<String> value(String key) {
        String value = null;
        for (Properties properties : contents.values()) {
            value = properties.getProperty(key, value);
        }
        return Optional.ofNullable(value).map(String::trim);
    }
}
