package org.darkroom.vision.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The official bundles Darkroom knows, read from {@code models/manifest.json}: what {@code fetch-model}
 * downloads and what the service accepts without a SHA-256 from the user.
 *
 * <p>The manifest is the root of trust for downloads, so every field is checked here: a file name that could
 * leave the models folder or a hash that is not one must fail loudly rather than be half-used.
 */
public final class ModelManifest {
    /** Where the manifest lives, relative to the Darkroom installation. */
    public static final Path LOCATION = Path.of("models", "manifest.json");

    private final Path source;
    private final List<ManifestEntry> entries;

    private ModelManifest(Path source, List<ManifestEntry> entries) {
        this.source = source;
        this.entries = List.copyOf(entries);
    }

    /** The manifest of the installation at {@code home}. */
    public static ModelManifest ofInstallation(Path home) {
        return read(home.resolve(LOCATION));
    }

    public static ModelManifest read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ManifestException("The model manifest " + file + " cannot be read (" + e.getMessage() + "): "
                    + restore(file), e);
        }
        JsonNode bundles = root == null ? null : root.get("bundles");
        if (bundles == null || !bundles.isObject() || bundles.isEmpty()) {
            throw new ManifestException("The model manifest " + file + " lists no bundles under \"bundles\": "
                    + restore(file));
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : bundles.properties()) {
            entries.add(entry(file, field.getKey(), field.getValue()));
        }
        return new ModelManifest(file, entries);
    }

    private static ManifestEntry entry(Path file, String name, JsonNode node) {
        String bundleFile = plainFileName(file, name, "file", text(file, name, node, "file"), ".mf.gz");
        String unpacked = plainFileName(file, name, "unpacked", text(file, name, node, "unpacked"), ".mf");
        String sha256 = text(file, name, node, "sha256");
        if (!FileDigest.isSha256(sha256)) {
            throw malformed(file, name, "sha256 is not 64 lower-case hex digits");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() <= 0) {
            throw malformed(file, name, "size is not a positive whole number of bytes");
        }
        URI url;
        try {
            url = new URI(text(file, name, node, "url"));
        } catch (URISyntaxException e) {
            throw malformed(file, name, "url is not a URL (" + e.getMessage() + ")");
        }
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            throw malformed(file, name, "url must be an https:// URL");
        }
        return new ManifestEntry(name, bundleFile, url, size.asLong(), sha256, unpacked);
    }

    private static String text(Path file, String name, JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw malformed(file, name, "it has no \"" + field + "\"");
        }
        return value.asText();
    }

    /** These names are joined to the models folder, so they must not climb out of it. */
    private static String plainFileName(Path file, String name, String field, String value, String suffix) {
        if (value.contains("/") || value.contains("\\") || value.startsWith(".") || !value.endsWith(suffix)) {
            throw malformed(file, name, field + " must be a plain file name ending in " + suffix);
        }
        return value;
    }

    private static ManifestException malformed(Path file, String name, String what) {
        return new ManifestException("The model manifest " + file + " is malformed: bundle \"" + name + "\": " + what
                + ": " + restore(file));
    }

    private static String restore(Path file) {
        return "restore it with git checkout -- " + file;
    }

    /** The file this manifest was read from. */
    public Path source() {
        return source;
    }

    /** Every bundle, in the manifest's order (the first is fetch-model's default). */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /** The short names, in the manifest's order, for messages that list the choices. */
    public List<String> names() {
        return entries.stream().map(ManifestEntry::name).toList();
    }

    public Optional<ManifestEntry> byName(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** By published file name ({@code .mf.gz}) or by unpacked name ({@code .mf}). */
    public Optional<ManifestEntry> byFileName(String fileName) {
        return entries.stream().filter(e -> e.file().equals(fileName) || e.unpacked().equals(fileName)).findFirst();
    }

    /** The bundle whose published {@code .gz} has exactly this SHA-256 and size. */
    public Optional<ManifestEntry> byDigest(FileDigest digest) {
        return entries.stream().filter(e -> e.digest().equals(digest)).findFirst();
    }
}
