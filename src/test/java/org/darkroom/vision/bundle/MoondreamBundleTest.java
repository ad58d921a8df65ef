package org.darkroom.vision.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoondreamBundleTest {
    /** Entry names of the real 0.5B bundle, in the generator's order. */
    private static final List<String> NAMES = List.of("vision_encoder.onnx", "vision_projection.onnx",
            "text_encoder.onnx", "text_decoder.onnx", "coord_encoder.onnx", "coord_decoder.onnx",
            "size_encoder.onnx", "size_decoder.onnx", "tokenizer.json", "config.json", "initial_kv_cache.npy");

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(MoondreamBundleTest.class.getResource("/moondream/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** The tiny bundle's records, re-read independently of the class under test to build broken copies. */
    private static Map<String, byte[]> records(byte[] mf) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(mf, 5, mf.length - 5);
        while (b.hasRemaining()) {
            byte[] name = new byte[b.getInt()];
            b.get(name);
            byte[] content = new byte[(int) b.getLong()];
            b.get(content);
            out.put(new String(name, StandardCharsets.UTF_8), content);
        }
        return out;
    }

    private static byte[] pack(Map<String, byte[]> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {'M', 'O', 'O', 'N', 1});
        for (Map.Entry<String, byte[]> e : records.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.write(ByteBuffer.allocate(4).putInt(name.length).array());
            out.write(name);
            out.write(ByteBuffer.allocate(8).putLong(e.getValue().length).array());
            out.write(e.getValue());
        }
        return out.toByteArray();
    }

    @Test
    void plainBundleHasExactlyTheRealEntryNames() {
        MoondreamBundle bundle = MoondreamBundle.read(resource("tiny.mf"));
        assertThat(bundle.names()).containsExactlyElementsOf(NAMES);
        assertThat(new String(bundle.entry("config.json"), StandardCharsets.UTF_8)).contains("\"special_tokens\"");
        assertThat(Arrays.copyOf(bundle.entry("initial_kv_cache.npy"), 6)).isEqualTo(new byte[] {
                (byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
    }

    @Test
    void gzipBundleHasTheSameEntries() {
        MoondreamBundle plain = MoondreamBundle.read(resource("tiny.mf"));
        MoondreamBundle gz = MoondreamBundle.read(resource("tiny.mf.gz"));
        assertThat(gz.names()).containsExactlyElementsOf(NAMES);
        for (String name : NAMES) {
            assertThat(gz.entry(name)).as(name).isEqualTo(plain.entry(name));
        }
    }

    @Test
    void committedFilesMatchTheRecordedSha256() throws Exception {
        for (String line : Files.readAllLines(resource("tiny.mf.sha256"))) {
            String[] parts = line.split("\\s+");
            assertThat(sha256(bytes(resource(parts[1])))).as(parts[1]).isEqualTo(parts[0]);
        }
        assertThat(Files.readAllLines(resource("tiny.mf.sha256"))).extracting(line -> line.split("\\s+")[1])
                .containsExactly("tiny.mf", "tiny.mf.gz", "tiny-point.mf.gz", "tiny-bench.mf.gz");
    }

    @Test
    void readingReportsTheDigestOfTheFileBytesItRead() throws Exception {
        // The loader compares this with the digest it verified, so a file swapped in between is caught.
        for (String line : Files.readAllLines(resource("tiny.mf.sha256"))) {
            String[] parts = line.split("\\s+");
            assertThat(MoondreamBundle.read(resource(parts[1])).sha256()).as(parts[1]).isEqualTo(parts[0]);
        }
    }

    @Test
    void theVariantsDifferFromTheTinyBundleOnlyInTheirConfig() {
        MoondreamBundle plain = MoondreamBundle.read(resource("tiny.mf"));
        for (String variant : List.of("tiny-point.mf.gz", "tiny-bench.mf.gz")) {
            MoondreamBundle other = MoondreamBundle.read(resource(variant));
            assertThat(other.names()).as(variant).containsExactlyElementsOf(NAMES);
            for (String name : NAMES) {
                if (!name.equals("config.json")) {
                    assertThat(other.entry(name)).as(variant + " " + name).isEqualTo(plain.entry(name));
                }
            }
            assertThat(other.entry("config.json")).as(variant).isNotEqualTo(plain.entry("config.json"));
        }
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void truncatedCopyIsRefused() throws IOException {
        byte[] mf = bytes(resource("tiny.mf"));
        Path cut = write("cut.mf", Arrays.copyOf(mf, mf.length - 100));
        assertThatThrownBy(() -> MoondreamBundle.read(cut)).isInstanceOf(BundleException.class)
                .hasMessageContaining("truncated").hasMessageContaining("fetch-model");
        Path cutHeader = write("cut-header.mf", Arrays.copyOf(mf, 7));
        assertThatThrownBy(() -> MoondreamBundle.read(cutHeader)).hasMessageContaining("truncated");
    }

    @Test
    void truncatedGzipIsRefused() throws IOException {
        byte[] gz = bytes(resource("tiny.mf.gz"));
        Path cut = write("cut.mf.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> MoondreamBundle.read(cut)).isInstanceOf(BundleException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void corruptedMagicOrVersionIsRefused() throws IOException {
        byte[] mf = bytes(resource("tiny.mf"));
        byte[] badMagic = mf.clone();
        badMagic[0] = 'X';
        Path magic = write("magic.mf", badMagic);
        assertThatThrownBy(() -> MoondreamBundle.read(magic)).isInstanceOf(BundleException.class)
                .hasMessageContaining("not a Moondream model bundle");
        byte[] badVersion = mf.clone();
        badVersion[4] = 2;
        Path version = write("version.mf", badVersion);
        assertThatThrownBy(() -> MoondreamBundle.read(version)).hasMessageContaining("format version 2");
        Path notGzip = write("plain-named.mf.gz", mf);
        assertThatThrownBy(() -> MoondreamBundle.read(notGzip)).hasMessageContaining("not a valid gzip file");
        Path empty = write("empty.mf", new byte[0]);
        assertThatThrownBy(() -> MoondreamBundle.read(empty)).hasMessageContaining("not a Moondream model bundle");
    }

    @Test
    void entryLengthPastTheEndIsRefusedBeforeAllocating() throws IOException {
        byte[] mf = bytes(resource("tiny.mf"));
        int nameLength = ByteBuffer.wrap(mf, 5, 4).getInt();
        int lengthAt = 5 + 4 + nameLength;
        byte[] huge = mf.clone();
        ByteBuffer.wrap(huge, lengthAt, 8).putLong(1L << 40); // a terabyte: would be an OOM if allocated
        Path file = write("huge.mf", huge);
        assertThatThrownBy(() -> MoondreamBundle.read(file)).isInstanceOf(BundleException.class)
                .hasMessageContaining("corrupt");
        byte[] past = mf.clone();
        ByteBuffer.wrap(past, lengthAt, 8).putLong(mf.length); // fits in an int but not in the file
        Path pastFile = write("past.mf", past);
        assertThatThrownBy(() -> MoondreamBundle.read(pastFile)).hasMessageContaining("truncated");
        Path pastGz = write("past.mf.gz", gzip(past));
        assertThatThrownBy(() -> MoondreamBundle.read(pastGz)).hasMessageContaining("truncated");
        byte[] badName = mf.clone();
        ByteBuffer.wrap(badName, 5, 4).putInt(-1);
        Path nameFile = write("name.mf", badName);
        assertThatThrownBy(() -> MoondreamBundle.read(nameFile)).hasMessageContaining("entry name length");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void missingRequiredEntryIsRefused() throws IOException {
        Map<String, byte[]> records = records(bytes(resource("tiny.mf")));
        records.remove("text_decoder.onnx");
        Path file = write("missing.mf", pack(records));
        assertThatThrownBy(() -> MoondreamBundle.read(file)).isInstanceOf(BundleException.class)
                .hasMessageContaining("incomplete").hasMessageContaining("text_decoder.onnx")
                .hasMessageContaining("fetch-model");
    }

    @Test
    void duplicateEntryIsRefusedEvenBehindADirectoryPrefix() throws IOException {
        Map<String, byte[]> records = records(bytes(resource("tiny.mf")));
        records.put("models/config.json", records.get("config.json"));
        Path file = write("dup.mf", pack(records));
        assertThatThrownBy(() -> MoondreamBundle.read(file)).isInstanceOf(BundleException.class)
                .hasMessageContaining("config.json twice");
    }

    @Test
    void directoryPrefixIsStrippedAndUnknownEntriesAreKept() throws IOException {
        Map<String, byte[]> original = records(bytes(resource("tiny.mf")));
        Map<String, byte[]> records = new LinkedHashMap<>();
        original.forEach((k, v) -> records.put("bundle/" + k, v));
        records.put("README.txt", new byte[] {'h', 'i'});
        MoondreamBundle bundle = MoondreamBundle.read(write("prefixed.mf", pack(records)));
        assertThat(bundle.names()).containsAll(NAMES).contains("README.txt");
        assertThatThrownBy(() -> bundle.entry("nope.onnx")).hasMessageContaining("no entry nope.onnx");
    }
}
