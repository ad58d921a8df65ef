package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Identify;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end through the drop-folder door: real files in, real ImageMagick, real files out. What a refused input
 * becomes is checked, with the other doors' refusals, by {@code doors.DoorContractTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DropFolderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    @TempDir
    static Path dataDir;
    private RunningDarkroom darkroom;
    private DataDir data;

    @BeforeAll
    void start() throws Exception {
        darkroom = RunningDarkroom.start(dataDir, Map.of(
                "darkroom.inbox.wide.flow", "resize",
                "darkroom.inbox.wide.width", "100",
                "darkroom.inbox.square.flow", "resize",
                "darkroom.inbox.square.width", "100",
                "darkroom.inbox.square.height", "100",
                "darkroom.inbox.square.fit", "cover",
                "darkroom.inbox.topng.flow", "convert",
                "darkroom.inbox.topng.format", "png",
                "darkroom.inbox.ops.flow", "transform",
                "darkroom.inbox.ops.operations", "crop width=100 height=50 x=10 y=10; rotate degrees=90; format type=webp"));
        data = darkroom.data();
    }

    @AfterAll
    void stop() throws Exception {
        darkroom.close();
    }

    private int count(String inbox) {
        return DataDir.inputs(data.archive(inbox)).size() + DataDir.inputs(data.failed(inbox)).size();
    }

    private void dropAndWait(String inbox, String sample, String name) {
        int before = count(inbox);
        data.drop(inbox, Samples.get(sample), name);
        data.awaitAccounted(inbox, before + 1, DEADLINE);
    }

    @ParameterizedTest(name = "{0} → thumbnail {2} {3}x{4}")
    @CsvSource({
            "photo.jpg,    t-photo.jpg,   JPEG, 171, 256",
            "plain.jpg,    t-plain.jpg,   JPEG, 256, 171",
            "alpha.png,    t-alpha.png,   PNG,  256, 192",
            "animated.gif, t-anim.gif,    GIF,  200, 150",
            "photo.webp,   t-photo.webp,  WEBP, 256, 192",
            "scan.tiff,    t-scan.tiff,   PNG,  256, 171",
            "icon.bmp,     t-icon.bmp,    PNG,  64,  48",
            "photo.heic,   t-photo.heic,  JPEG, 256, 192",
            "photo.avif,   t-photo.avif,  HEIC, 256, 192"})
    void every_allowed_type_becomes_an_upright_thumbnail(String sample, String name, String format, int width,
                                                         int height) {
        dropAndWait("thumbnail", sample, name);

        assertThat(data.archive("thumbnail").resolve(name)).exists();
        assertThat(data.inbox("thumbnail").resolve(name)).doesNotExist();
        String extension = data.sidecar("thumbnail", name).at("/output/type").asText();
        Path output = data.outbox("thumbnail").resolve(name + "." + (extension.equals("jpeg") ? "jpg" : extension));
        Identify image = Identify.of(output);
        assertThat(image.format()).isEqualTo(format);
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
    }

    @Test
    void the_sidecar_records_flow_parameters_input_output_and_time() throws Exception {
        dropAndWait("thumbnail", "plain.jpg", "record.jpg");

        JsonNode record = data.sidecar("thumbnail", "record.jpg");
        assertThat(record.at("/flow").asText()).isEqualTo("thumbnail");
        assertThat(record.at("/parameters/width").asInt()).isEqualTo(256);
        assertThat(record.at("/input/type").asText()).isEqualTo("jpeg");
        assertThat(record.at("/input/bytes").asLong()).isEqualTo(Files.size(Samples.get("plain.jpg")));
        assertThat(record.at("/input/width").asInt()).isEqualTo(640);
        assertThat(record.at("/input/height").asInt()).isEqualTo(427);
        assertThat(record.at("/input/sha256").asText()).hasSize(64);
        assertThat(record.at("/output/type").asText()).isEqualTo("jpeg");
        assertThat(record.at("/output/width").asInt()).isEqualTo(256);
        assertThat(record.at("/output/bytes").asLong())
                .isEqualTo(Files.size(data.outbox("thumbnail").resolve("record.jpg.jpg")));
        assertThat(record.at("/elapsed_ms").isNumber()).isTrue();
    }

    @Test
    void outputs_carry_no_metadata() {
        dropAndWait("thumbnail", "photo.jpg", "private.jpg");

        assertThat(exifCount(Samples.get("photo.jpg"))).isGreaterThan(0);
        assertThat(exifCount(data.outbox("thumbnail").resolve("private.jpg.jpg"))).isZero();
    }

    private static int exifCount(Path image) {
        try {
            Process process = new ProcessBuilder("/usr/bin/identify", "-format", "%[exif:*]", image.toString())
                    .redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return (int) out.lines().filter(line -> line.startsWith("exif:")).count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void named_inboxes_apply_their_fixed_parameters() {
        dropAndWait("wide", "plain.jpg", "wide.jpg");
        dropAndWait("square", "plain.jpg", "square.jpg");
        dropAndWait("topng", "photo.webp", "topng.webp");
        dropAndWait("ops", "plain.jpg", "ops.jpg");

        Identify wide = Identify.of(data.outbox("wide").resolve("wide.jpg.jpg"));
        assertThat(wide.width()).isEqualTo(100);
        assertThat(wide.height()).isEqualTo(67);
        Identify square = Identify.of(data.outbox("square").resolve("square.jpg.jpg"));
        assertThat(square.width()).isEqualTo(100);
        assertThat(square.height()).isEqualTo(100);
        Identify png = Identify.of(data.outbox("topng").resolve("topng.webp.png"));
        assertThat(png.format()).isEqualTo("PNG");
        assertThat(png.width()).isEqualTo(320);
        Identify ops = Identify.of(data.outbox("ops").resolve("ops.jpg.webp"));
        assertThat(ops.format()).isEqualTo("WEBP");
        assertThat(ops.width()).isEqualTo(50);
        assertThat(ops.height()).isEqualTo(100);
    }

    @Test
    void info_describes_the_image_as_json_without_an_output_image() {
        dropAndWait("info", "photo.jpg", "described.jpg");

        JsonNode info = data.sidecar("info", "described.jpg").at("/result");
        assertThat(info.at("/format").asText()).isEqualTo("jpeg");
        assertThat(info.at("/width").asInt()).isEqualTo(640);
        assertThat(info.at("/height").asInt()).isEqualTo(427);
        assertThat(info.at("/frames").asInt()).isEqualTo(1);
        assertThat(info.at("/orientation").asText()).isEqualTo("RightTop");
        assertThat(info.at("/colorspace").asText()).isEqualTo("sRGB");
        assertThat(info.at("/alpha").asBoolean()).isFalse();
        assertThat(info.at("/metadata/exif_tags").asInt()).isGreaterThan(0);
        assertThat(DataDir.names(data.outbox("info"))).filteredOn(name -> name.startsWith("described.jpg"))
                .containsExactly("described.jpg.json");
    }

    @Test
    void frames_are_counted_from_the_bytes() {
        dropAndWait("info", "animated.gif", "frames.gif");

        assertThat(data.sidecar("info", "frames.gif").at("/result/frames").asInt()).isEqualTo(3);
        assertThat(data.sidecar("info", "frames.gif").at("/result/alpha").isBoolean()).isTrue();
    }

    @Test
    void hostile_file_names_are_processed_as_plain_names() {
        dropAndWait("thumbnail", "plain.jpg", "-write x.jpg");
        dropAndWait("thumbnail", "plain.jpg", "a;rm -rf ~.jpg");

        assertThat(Identify.of(data.outbox("thumbnail").resolve("-write x.jpg.jpg")).width()).isEqualTo(256);
        assertThat(Identify.of(data.outbox("thumbnail").resolve("a;rm -rf ~.jpg.jpg")).width()).isEqualTo(256);
        assertThat(data.archive("thumbnail").resolve("-write x.jpg")).exists();
        assertThat(Path.of("x.jpg")).doesNotExist();
    }

    @Test
    void same_stem_different_types_never_overwrite_each_other() {
        dropAndWait("wide", "plain.jpg", "twin.jpg");
        dropAndWait("wide", "alpha.png", "twin.png");

        assertThat(Identify.of(data.outbox("wide").resolve("twin.jpg.jpg")).format()).isEqualTo("JPEG");
        assertThat(Identify.of(data.outbox("wide").resolve("twin.png.png")).format()).isEqualTo("PNG");
        assertThat(data.sidecar("wide", "twin.jpg").at("/input/type").asText()).isEqualTo("jpeg");
        assertThat(data.sidecar("wide", "twin.png").at("/input/type").asText()).isEqualTo("png");
    }

    @Test
    void a_file_still_being_written_is_not_picked_up_until_it_settles() throws Exception {
        byte[] image = Files.readAllBytes(Samples.get("plain.jpg"));
        Path target = data.inbox("wide").resolve("slow-writer.jpg");
        int before = count("wide");
        try (var out = Files.newOutputStream(target)) {
            // A writer that stalls for less than the settle time (200 ms in tests) between chunks, for longer
            // than the settle time in all: picking the file up early would fail it as truncated.
            for (int offset = 0; offset < image.length; offset += 1024) {
                out.write(image, offset, Math.min(1024, image.length - offset));
                out.flush();
                Thread.sleep(60);
            }
        }
        data.awaitAccounted("wide", before + 1, DEADLINE);

        assertThat(data.archive("wide").resolve("slow-writer.jpg")).exists();
        assertThat(Identify.of(data.outbox("wide").resolve("slow-writer.jpg.jpg")).width()).isEqualTo(100);
    }

    @Test
    void hidden_and_partial_files_are_left_alone() throws Exception {
        Files.copy(Samples.get("plain.jpg"), data.inbox("wide").resolve(".hidden.jpg"));
        Files.copy(Samples.get("plain.jpg"), data.inbox("wide").resolve("upload.jpg.part"));
        Files.copy(Samples.get("plain.jpg"), data.inbox("wide").resolve("upload.jpg.tmp"));
        dropAndWait("wide", "plain.jpg", "after-hidden.jpg");

        assertThat(DataDir.names(data.inbox("wide"))).contains(".hidden.jpg", "upload.jpg.part", "upload.jpg.tmp");
        assertThat(DataDir.names(data.outbox("wide"))).noneMatch(name -> name.startsWith(".hidden")
                || name.startsWith("upload"));
    }
}
