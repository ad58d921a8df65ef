package org.darkroom.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * The arrows between packages go the way docs/ARCHITECTURE.md says: the flow catalog depends on nothing, intake on
 * the catalog only, ImageMagick knows no door, and no door reaches into ImageMagick, the model or another door.
 * Read from the imports of the sources, so a wrong arrow fails here instead of drifting.
 */
class PackageRulesTest {
    /** A project import: the top-level package, or none for a class of the root package. */
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?org\\.darkroom\\.(?:([a-z]+)\\.)?[A-Za-z]", Pattern.MULTILINE);
    /** The project packages each top-level package may import; the root package (start-up, assembly) may import all. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("flow", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("intake", Set.of("config", "flow")),
            Map.entry("fetch", Set.of("config", "flow")),
            Map.entry("door", Set.of("config", "fetch", "flow", "intake")),
            Map.entry("magick", Set.of("config", "flow", "intake")),
            Map.entry("vision", Set.of("config", "flow", "intake", "magick")),
            Map.entry("inbox", Set.of("config", "door", "flow", "intake")),
            Map.entry("http", Set.of("config", "door", "fetch", "flow", "intake")),
            Map.entry("mcp", Set.of("config", "door", "fetch", "flow", "intake")),
            Map.entry("startup", Set.of("config", "intake")),
            Map.entry("cluster", Set.of("config", "flow")));

    @Test
    void every_package_imports_only_what_the_architecture_allows() {
        Path sources = Samples.projectDir().resolve("src/main/java/org/darkroom");
        for (Map.Entry<String, Set<String>> rule : ALLOWED.entrySet()) {
            Set<String> imported = importedPackages(sources.resolve(rule.getKey()));
            imported.remove(rule.getKey());
            assertThat(imported).as("packages org.darkroom.%s imports", rule.getKey())
                    .isSubsetOf(rule.getValue());
        }
    }

    @Test
    void intake_turns_bytes_into_an_accepted_image_and_knows_no_camel() throws IOException {
        // intake reads its limits through config, so config must know no Camel either.
        for (String pkg : new String[] {"intake", "config"}) {
            Path dir = Samples.projectDir().resolve("src/main/java/org/darkroom/" + pkg);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(file)).as(pkg + "/" + file.getFileName())
                            .doesNotContain("import org.apache.camel");
                }
            }
        }
    }

    @Test
    void every_top_level_package_has_a_rule() throws IOException {
        try (Stream<Path> dirs = Files.list(Samples.projectDir().resolve("src/main/java/org/darkroom"))) {
            assertThat(dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()))
                    .allSatisfy(name -> assertThat(ALLOWED).containsKey(name));
        }
    }

    /** The top-level project packages the sources under {@code dir} import ("" for the root package). */
    private static Set<String> importedPackages(Path dir) {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher imported = IMPORT.matcher(Files.readString(file));
                while (imported.find()) {
                    packages.add(imported.group(1) == null ? "" : imported.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }
}
