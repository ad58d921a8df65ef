package org.darkroom.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files served as they are from fixed classpath folders, looked up by a bare file name: the first folder that has
 * the name answers.
 *
 * <p>A name is letters, digits, {@code -} and {@code _} in dot-separated parts ({@code swagger-ui.css}): no slash,
 * backslash, percent sign or empty part, so {@code ..} and every encoding of it are not names, and nothing outside
 * the folders can be reached. Only the types below are served, each with its own Content-Type, never a guessed one.
 */
final class StaticFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    /** A file to answer with. {@code etag} is a strong validator of its bytes. */
    record StaticFile(byte[] bytes, String contentType, String etag) {
    }

    private final List<String> folders;
    /** Bounded by the files the folders hold: only names found are kept. */
    private final Map<String, StaticFile> loaded = new ConcurrentHashMap<>();

    /** {@code folders}: classpath folders without a leading or trailing slash, searched in order. */
    StaticFiles(List<String> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The file of that name, or empty when it is no name, of a type not served, or in none of the folders. */
    Optional<StaticFile> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        StaticFile known = loaded.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        for (String folder : folders) {
            Optional<byte[]> bytes = read(folder + "/" + name);
            if (bytes.isPresent()) {
                StaticFile file = new StaticFile(bytes.get(), type, EntityTags.strong(bytes.get()));
                loaded.put(name, file);
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource + " from the classpath", e);
        }
    }
}
