package org.darkroom.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FetchModelTest {
    @TempDir
    Path temp;

    private Path dir;
    private Path manifest;
    private BundleServer server;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        dir = temp.resolve("models");
        manifest = TinyBundle.writeManifest(temp);
        server = new BundleServer(TinyBundle.GZ, TinyBundle.bytes(TinyBundle.GZ));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int fetch(String... extra) {
        List<String> args = new ArrayList<>(List.of(TinyBundle.NAME, "--dir", dir.toString(),
                "--manifest", manifest.toString(), "--base-url", server.baseUrl()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        log.reset();
        return FetchModel.run(args, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private List<String> dirContents() throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fetchesVerifiesUnpacksAndRecordsTheBundle() throws IOException {
        assertThat(fetch()).as(log()).isEqualTo(FetchModel.OK);

        assertThat(dir.resolve(TinyBundle.MF)).hasBinaryContent(TinyBundle.bytes(TinyBundle.MF));
        assertThat(dirContents()).containsExactly("tiny.mf", "tiny.mf.verified");
        JsonNode record = new ObjectMapper().readTree(dir.resolve("tiny.mf.verified").toFile());
        assertThat(record.get("source_file").asText()).isEqualTo(TinyBundle.GZ);
        assertThat(record.get("source_sha256").asText()).isEqualTo(TinyBundle.sha256(TinyBundle.GZ));
        assertThat(record.get("source_size").asLong()).isEqualTo(TinyBundle.bytes(TinyBundle.GZ).length);
        assertThat(record.get("sha256").asText()).isEqualTo(TinyBundle.sha256(TinyBundle.MF));
        assertThat(record.get("size").asLong()).isEqualTo(TinyBundle.bytes(TinyBundle.MF).length);
        assertThat(log()).contains("(100%)", "MB/s", "ready: " + dir.resolve(TinyBundle.MF));
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aSecondRunFindsTheVerifiedBundleAndDownloadsNothing() {
        assertThat(fetch()).isEqualTo(FetchModel.OK);

        assertThat(fetch()).as(log()).isEqualTo(FetchModel.OK);

        assertThat(log()).contains("already there");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aBundleChangedAfterTheFetchIsFetchedAgain() throws IOException {
        assertThat(fetch()).isEqualTo(FetchModel.OK);
        byte[] tampered = TinyBundle.bytes(TinyBundle.MF);
        tampered[tampered.length - 1] ^= 1;
        Files.write(dir.resolve(TinyBundle.MF), tampered);

        assertThat(fetch()).as(log()).isEqualTo(FetchModel.OK);

        assertThat(log()).contains("has changed since");
        assertThat(server.requests()).isEqualTo(2);
        assertThat(dir.resolve(TinyBundle.MF)).hasBinaryContent(TinyBundle.bytes(TinyBundle.MF));
    }

    @Test
    void keepGzKeepsTheVerifiedDownload() throws IOException {
        assertThat(fetch("--keep-gz")).as(log()).isEqualTo(FetchModel.OK);

        assertThat(dirContents()).containsExactly("tiny.mf", "tiny.mf.gz", "tiny.mf.verified");
        assertThat(dir.resolve(TinyBundle.GZ)).hasBinaryContent(TinyBundle.bytes(TinyBundle.GZ));
    }

    @Test
    void otherBytesOfTheRightSizeAreRefusedAndRemoved() throws IOException {
        byte[] other = TinyBundle.bytes(TinyBundle.GZ);
        other[other.length / 2] ^= 1;
        server.serve(other, BundleServer.Behaviour.FAITHFUL);

        assertThat(fetch()).as(log()).isEqualTo(FetchModel.FAILED);

        assertThat(log()).contains("but the manifest expects " + TinyBundle.sha256(TinyBundle.GZ), "was deleted",
                "Run ./darkroom fetch-model again");
        assertThat(dirContents()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = BundleServer.Behaviour.class, names = {"CUT_OFF", "SHORT_LENGTH", "SHORT_CHUNKED",
            "LONG_CHUNKED", "NOT_FOUND"})
    void aPartialOrWrongDownloadIsRefusedAndRemoved(BundleServer.Behaviour behaviour) throws IOException {
        server.serve(TinyBundle.bytes(TinyBundle.GZ), behaviour);

        assertThat(fetch()).as(log()).isEqualTo(FetchModel.FAILED);

        assertThat(log()).containsPattern("fetch-model: The .*(run \\./darkroom fetch-model again|check )");
        assertThat(dirContents()).isEmpty();
    }

    @Test
    void aDownloadCutShortSaysHowFarItGot() {
        int size = TinyBundle.bytes(TinyBundle.GZ).length;
        server.serve(TinyBundle.bytes(TinyBundle.GZ), BundleServer.Behaviour.SHORT_CHUNKED);
        assertThat(fetch()).isEqualTo(FetchModel.FAILED);
        assertThat(log()).contains("ended early, after " + size / 2 + " of " + size + " bytes");

        server.serve(TinyBundle.bytes(TinyBundle.GZ), BundleServer.Behaviour.CUT_OFF);
        assertThat(fetch()).isEqualTo(FetchModel.FAILED);
        assertThat(log()).contains("broke off after " + size / 2 + " of " + size + " bytes");
    }

    @Test
    void aHostThatCannotBeReachedIsSaidInWordsWithTheTwoWaysForward() throws IOException {
        int closed = org.darkroom.testing.HttpClientSupport.freePort();
        assertThat(run(TinyBundle.NAME, "--dir", dir.toString(), "--manifest", manifest.toString(),
                "--base-url", "http://127.0.0.1:" + closed + "/mirror")).isEqualTo(FetchModel.FAILED);
        assertThat(log()).contains("could not connect to 127.0.0.1", "--base-url https://",
                "--model FILE --model-sha256 HEX").doesNotContain("Exception");

        assertThat(run(TinyBundle.NAME, "--dir", dir.toString(), "--manifest", manifest.toString(),
                "--base-url", "https://models.example.invalid/mirror")).isEqualTo(FetchModel.FAILED);
        assertThat(log()).contains("could not find the address of models.example.invalid", "is this machine offline?",
                "--base-url https://", "--model FILE --model-sha256 HEX").doesNotContain("Exception");
        assertThat(dirContents()).isEmpty();
    }

    @Test
    void anUnknownNameIsAUsageErrorListingTheNames() {
        assertThat(run("huge", "--dir", dir.toString(), "--manifest", manifest.toString()))
                .isEqualTo(FetchModel.USAGE);

        assertThat(log()).contains("no bundle named huge", "choose one of: tiny");
        assertThat(server.requests()).isZero();
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedBeforeConnecting() throws IOException {
        assertThat(run(TinyBundle.NAME, "--dir", dir.toString(), "--manifest", manifest.toString(),
                "--base-url", "http://example.com/mirror")).isEqualTo(FetchModel.FAILED);

        assertThat(log()).contains("Refusing to download from http://example.com/mirror/tiny.mf.gz",
                "give an https:// --base-url");
        assertThat(dirContents()).isEmpty();
    }

    @Test
    void plainHttpIsOnlyForLoopbackAddressesDecidedWithoutDns() {
        for (String allowed : List.of("https://mirror.example/x", "http://127.0.0.1:8/x", "http://127.1.2.3/x",
                "http://[::1]:8/x", "http://localhost/x")) {
            assertThatCode(() -> BundleDownload.requireSecure(URI.create(allowed))).as(allowed)
                    .doesNotThrowAnyException();
        }
        for (String refused : List.of("http://example.com/x", "http://127.0.0.1.nip.io/x", "http://10.0.0.1/x",
                "ftp://127.0.0.1/x", "file:///etc/passwd")) {
            assertThatThrownBy(() -> BundleDownload.requireSecure(URI.create(refused))).as(refused)
                    .isInstanceOf(FetchFailure.class);
        }
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThat(run("--mirror", "x")).isEqualTo(FetchModel.USAGE);
        assertThat(log()).contains("unknown option --mirror", "Usage: ./darkroom fetch-model");

        assertThat(run("--dir")).isEqualTo(FetchModel.USAGE);
        assertThat(log()).contains("--dir needs a value");

        assertThat(run("0.5b", "2b")).isEqualTo(FetchModel.USAGE);
    }

    @Test
    void aMissingManifestIsAFailureNamingIt() {
        Path absent = temp.resolve("absent.json");

        assertThat(run("--manifest", absent.toString(), "--dir", dir.toString())).isEqualTo(FetchModel.FAILED);

        assertThat(log()).contains(absent.toString());
    }
}
