package org.darkroom.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {
    private static final String PINNED =
            "https://huggingface.co/vikhyatk/moondream2/resolve/9dddae84d54db4ac56fe37817aeaeb502ed083e2/";

    @TempDir
    Path dir;

    private static Path projectDir() {
        return Path.of(System.getProperty("darkroom.project.dir", ""));
    }

    @Test
    void theCommittedManifestListsThePublishedBundlesWithTheAddendumsSizesAndHashes() {
        ModelManifest manifest = ModelManifest.ofInstallation(projectDir());

        // Copied by hand from the addendum of the Moondream research note, not from the manifest.
        assertThat(manifest.entries())
                .extracting(ManifestEntry::name, ManifestEntry::file, ManifestEntry::size, ManifestEntry::sha256,
                        ManifestEntry::unpacked)
                .containsExactly(
                        tuple("0.5b", "moondream-0_5b-int8.mf.gz", 621_619_051L,
                                "355c534d5f71fff8524dfeb41ba65f7d07948f910f754de4df242d0037d8be4a",
                                "moondream-0_5b-int8.mf"),
                        tuple("2b", "moondream-2b-int8.mf.gz", 1_818_358_311L,
                                "8dad1bd4de366b20cfadde5a400753b077a751242889eb471c7886bad0180e94",
                                "moondream-2b-int8.mf"),
                        tuple("0.5b-int4", "moondream-0_5b-int4.mf.gz", 442_376_060L,
                                "56cb6c2b5ff43ec065cad89da8007224d37b1b10d053ff6d958f97baa195c129",
                                "moondream-0_5b-int4.mf"),
                        tuple("2b-int4", "moondream-2b-int4.mf.gz", 1_223_366_777L,
                                "616a1fae727dae66fed1f1dec1069c0d4d08078245e6b7d97d892961b88e61a7",
                                "moondream-2b-int4.mf"));
        for (ManifestEntry entry : manifest.entries()) {
            assertThat(entry.url()).isEqualTo(URI.create(PINNED + entry.file()));
        }
        assertThat(manifest.names().get(0)).isEqualTo(FetchArguments.DEFAULT_NAME);
    }

    @Test
    void lookupsByNameFileAndDigest() {
        ModelManifest manifest = ModelManifest.ofInstallation(projectDir());
        ManifestEntry twoB = manifest.byName("2b").orElseThrow();

        assertThat(manifest.byFileName("moondream-2b-int8.mf.gz")).contains(twoB);
        assertThat(manifest.byFileName("moondream-2b-int8.mf")).contains(twoB);
        assertThat(manifest.byDigest(twoB.digest())).contains(twoB);
        assertThat(manifest.byDigest(new FileDigest(twoB.sha256(), twoB.size() - 1))).isEmpty();
        assertThat(manifest.byName("7b")).isEmpty();
    }

    private Path manifestWith(String file, String url, String size, String sha256) throws IOException {
        return Files.writeString(dir.resolve("manifest.json"), """
                {"bundles": {"x": {"file": "%s", "url": "%s", "size": %s, "sha256": "%s", "unpacked": "x.mf"}}}
                """.formatted(file, url, size, sha256));
    }

    @Test
    void fieldsThatCouldMisleadADownloadAreRefused() throws IOException {
        String sha = "a".repeat(64);
        String url = "https://example.org/x.mf.gz";

        assertThatThrownBy(() -> ModelManifest.read(manifestWith("../x.mf.gz", url, "1", sha)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("plain file name");
        assertThatThrownBy(() -> ModelManifest.read(manifestWith("x.mf.gz", "http://example.org/x", "1", sha)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("https://");
        assertThatThrownBy(() -> ModelManifest.read(manifestWith("x.mf.gz", url, "-1", sha)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> ModelManifest.read(manifestWith("x.mf.gz", url, "1", "A".repeat(64))))
                .isInstanceOf(ManifestException.class).hasMessageContaining("sha256");
        assertThat(ModelManifest.read(manifestWith("x.mf.gz", url, "1", sha)).names()).containsExactly("x");
    }

    @Test
    void anUnreadableManifestSaysHowToRestoreIt() throws IOException {
        Path broken = Files.writeString(dir.resolve("manifest.json"), "{not json");

        assertThatThrownBy(() -> ModelManifest.read(broken))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("git checkout");
    }
}
