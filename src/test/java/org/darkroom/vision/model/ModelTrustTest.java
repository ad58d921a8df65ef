package org.darkroom.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrustTest {
    private static final String MF_SHA256 = TinyBundle.sha256(TinyBundle.MF);
    private static final String GZ_SHA256 = TinyBundle.sha256(TinyBundle.GZ);
    private static final String UNKNOWN_SENTENCE = "is not a bundle Darkroom knows; give its SHA-256 with "
            + "--model-sha256 or DARKROOM_MODEL_SHA256, or fetch one with ./darkroom fetch-model";

    @TempDir
    Path dir;

    private ModelManifest manifest;

    @BeforeEach
    void readManifest() throws IOException {
        manifest = ModelManifest.read(TinyBundle.writeManifest(dir));
    }

    private Path copy(String resource, String as) throws IOException {
        return Files.write(dir.resolve(as), TinyBundle.bytes(resource));
    }

    /** What fetch-model leaves behind, written directly so these tests need no server. */
    private Path fetched() throws IOException {
        Path mf = copy(TinyBundle.MF, TinyBundle.MF);
        FetchRecord.of(manifest.byName(TinyBundle.NAME).orElseThrow(),
                new FileDigest(MF_SHA256, Files.size(mf))).writeFor(mf);
        return mf;
    }

    @Test
    void aListedGzIsKnown() throws IOException {
        Path gz = copy(TinyBundle.GZ, "renamed.mf.gz");

        VerifiedModel model = ModelTrust.verify(gz, Optional.empty(), manifest);

        assertThat(model.bundle()).isEqualTo(gz);
        assertThat(model.basis()).isEqualTo(TrustBasis.MANIFEST);
        assertThat(model.digest()).isEqualTo(new FileDigest(GZ_SHA256, Files.size(gz)));
        assertThat(model.known()).map(ManifestEntry::name).contains(TinyBundle.NAME);
        assertThat(model.hashing().isNegative()).isFalse();
        assertThat(model.describe()).contains(gz.toString(), GZ_SHA256, "hashed in");
    }

    @Test
    void anMfUnpackedByFetchModelIsKnownThroughItsRecord() throws IOException {
        Path mf = fetched();

        VerifiedModel model = ModelTrust.verify(mf, Optional.empty(), manifest);

        assertThat(model.basis()).isEqualTo(TrustBasis.FETCH_RECORD);
        assertThat(model.digest().sha256()).isEqualTo(MF_SHA256);
        assertThat(model.known()).map(ManifestEntry::file).contains(TinyBundle.GZ);
    }

    @Test
    void anMfChangedAfterTheFetchIsRefused() throws IOException {
        Path mf = fetched();
        byte[] changed = TinyBundle.bytes(TinyBundle.MF);
        changed[100] ^= 1;
        Files.write(mf, changed);

        assertThatThrownBy(() -> ModelTrust.verify(mf, Optional.empty(), manifest))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessageContaining("has changed since ./darkroom fetch-model verified it")
                .hasMessageContaining("recorded " + MF_SHA256)
                .hasMessageEndingWith("fetch one with ./darkroom fetch-model again.");
    }

    @Test
    void aRecordOfABundleTheManifestNoLongerListsIsRefused() throws IOException {
        Path mf = copy(TinyBundle.MF, TinyBundle.MF);
        new FetchRecord("old.mf.gz", "0".repeat(64), 1, MF_SHA256, Files.size(mf)).writeFor(mf);

        assertThatThrownBy(() -> ModelTrust.verify(mf, Optional.empty(), manifest))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessageContaining("was unpacked from old.mf.gz");
    }

    @Test
    void anUnreadableRecordIsRefused() throws IOException {
        Path mf = copy(TinyBundle.MF, TinyBundle.MF);
        Files.writeString(FetchRecord.pathFor(mf), "{\"sha256\": \"nope\"}");

        assertThatThrownBy(() -> ModelTrust.verify(mf, Optional.empty(), manifest))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aHandCopiedMfWithTheRightUserSha256IsAccepted() throws IOException {
        Path mf = copy(TinyBundle.MF, "my-copy.mf");

        VerifiedModel model = ModelTrust.verify(mf, Optional.of(" " + MF_SHA256.toUpperCase(Locale.ROOT) + "\n"),
                manifest);

        assertThat(model.basis()).isEqualTo(TrustBasis.USER_SHA256);
        assertThat(model.known()).isEmpty();
    }

    @Test
    void aWrongUserSha256IsRefusedNamingBothDigests() throws IOException {
        Path mf = copy(TinyBundle.MF, "my-copy.mf");
        String wrong = "ab".repeat(32);

        assertThatThrownBy(() -> ModelTrust.verify(mf, Optional.of(wrong), manifest))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessageContaining("has SHA-256 " + MF_SHA256 + ", not " + wrong);
    }

    @Test
    void aWrongUserSha256IsRefusedEvenForAKnownBundle() throws IOException {
        Path gz = copy(TinyBundle.GZ, TinyBundle.GZ);

        assertThatThrownBy(() -> ModelTrust.verify(gz, Optional.of(MF_SHA256), manifest))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessageContaining("has SHA-256 " + GZ_SHA256 + ", not " + MF_SHA256);
    }

    @Test
    void somethingThatIsNotASha256IsRefused() throws IOException {
        Path mf = copy(TinyBundle.MF, "my-copy.mf");

        assertThatThrownBy(() -> ModelTrust.verify(mf, Optional.of("sha256:abc"), manifest))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessageContaining("is not 64 hexadecimal digits");
    }

    @Test
    void anUnknownBundleWithoutAUserSha256IsRefusedWithTheFix() throws IOException {
        Path mf = copy(TinyBundle.MF, "my-copy.mf");

        assertThatThrownBy(() -> ModelTrust.verify(mf, Optional.empty(), manifest))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessage("The model bundle " + mf + " (SHA-256 " + MF_SHA256 + ") " + UNKNOWN_SENTENCE + ".");
    }

    @Test
    void aMissingFileIsTheMissingOutcomeNotARefusal() {
        Path absent = dir.resolve("absent.mf");

        assertThat(ModelTrust.locate(Optional.of(absent), dir, manifest)).isEmpty();
        assertThat(ModelTrust.locate(Optional.empty(), dir.resolve("no-models-here"), manifest)).isEmpty();
        assertThatThrownBy(() -> ModelTrust.verify(absent, Optional.empty(), manifest))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessageContaining("There is no model bundle at " + absent);
    }

    @Test
    void locateTakesTheUsersChoiceOrElseWhatFetchModelPutInTheModelsFolder() throws IOException {
        Path chosen = copy(TinyBundle.MF, "chosen.mf");
        assertThat(ModelTrust.locate(Optional.of(chosen), dir, manifest)).contains(chosen);

        Path gz = copy(TinyBundle.GZ, TinyBundle.GZ);
        assertThat(ModelTrust.locate(Optional.empty(), dir, manifest)).contains(gz);

        Path mf = fetched();
        assertThat(ModelTrust.locate(Optional.empty(), dir, manifest)).contains(mf);
    }
}
