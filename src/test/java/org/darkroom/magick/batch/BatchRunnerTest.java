package org.darkroom.magick.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.batch.BatchOutcome.Result;
import org.darkroom.testing.Magick;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several files in one mogrify process, for real: the outputs are byte for byte the single path's, files of several
 * types share a process, and a process that fails keeps nothing, so each file then gets its own exact result alone.
 */
class BatchRunnerTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    private static Path png;
    private static Path gif;
    private static Path largeJpeg;
    private static final Path JPEG = Samples.get("plain.jpg");
    private static final Path WEBP = Samples.get("photo.webp");
    /** A JPEG whose header reads fine and whose scan data is random bytes: undecodable. */
    private static Path corrupt;
    private BatchFixture fixture;
    private List<String> temporaryFilesBefore;

    @BeforeAll
    static void paint() throws Exception {
        Path dir = SERVICE.dir();
        png = Magick.make(dir, "plasma.png", 320, 240, "plasma:fractal", 7);
        gif = Magick.make(dir, "still.gif", 240, 180, "plasma:fractal", 8);
        largeJpeg = Magick.make(dir, "large.jpg", 1200, 1100, "plasma:fractal", 9);
        byte[] garbage = new byte[6000];
        new Random(3).nextBytes(garbage);
        byte[] header = Arrays.copyOf(BatchFixture.bytes(JPEG), 700);
        corrupt = Files.write(dir.resolve("corrupt.jpg"), header);
        Files.write(corrupt, garbage, StandardOpenOption.APPEND);
    }

    @BeforeEach
    void fixture() throws Exception {
        fixture = new BatchFixture(SERVICE.darkroom(), Files.createTempDirectory(SERVICE.dir(), "jobs"));
        temporaryFilesBefore = BatchFixture.imageMagickTemporaryFiles();
    }

    @AfterEach
    void nothing_is_left_behind() {
        assertThat(SERVICE.darkroom().data().workLeftovers()).as("batch directories in the work area").isEmpty();
        assertThat(BatchFixture.imageMagickTemporaryFiles()).as("ImageMagick's files in /tmp")
                .isEqualTo(temporaryFilesBefore);
    }

    static Stream<Arguments> flows() {
        return Stream.of(
                Arguments.of("thumbnail", Map.of()),
                Arguments.of("thumbnail", Map.of("width", 100, "height", 80, "format", "jpeg", "quality", 70)),
                Arguments.of("resize", Map.of("width", 150, "format", "png")),
                Arguments.of("resize", Map.of("width", 90, "height", 90, "fit", "cover", "format", "webp")),
                Arguments.of("convert", Map.of("format", "gif")),
                Arguments.of("convert", Map.of("format", "jpeg", "keep_metadata", true)),
                Arguments.of("transform", Map.of("operations",
                        "rotate degrees=30; blur sigma=2; crop width=100 height=80 x=10 y=20; grayscale; flip")),
                Arguments.of("transform", Map.of("operations", "flop; sharpen sigma=1; rotate degrees=-90; format"
                        + " type=png")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("flows")
    void batched_outputs_are_byte_identical_to_the_single_paths_for_png_jpeg_webp_and_gif(String flow,
                                                                                         Map<String, ?> params) {
        List<Path> images = List.of(png, JPEG, WEBP, gif, Samples.get("animated.gif"));
        List<MagickJob> jobs = new ArrayList<>();
        Map<Path, MagickJob> byImage = new LinkedHashMap<>();
        for (Path image : images) {
            MagickJob job = fixture.plan(flow, params, image);
            if (BatchKey.of(job).isPresent()) {
                jobs.add(job);
                byImage.put(image, job);
            }
        }
        assertThat(byImage.keySet()).as("every still image can be batched").contains(png, JPEG, WEBP, gif);

        Map<BatchKey, List<MagickJob>> batches = jobs.stream().collect(
                Collectors.groupingBy(job -> BatchKey.of(job).orElseThrow(), LinkedHashMap::new, Collectors.toList()));
        for (List<MagickJob> batch : batches.values()) {
            assertThat(fixture.runner().run(batch)).extracting(BatchOutcome::result).containsOnly(Result.DONE);
        }

        byImage.forEach((image, job) -> assertThat(BatchFixture.bytes(job.output()))
                .as("%s of %s", flow, image.getFileName())
                .isEqualTo(fixture.singlePathBytes(flow, params, image)));
    }

    @Test
    void png_jpeg_webp_and_gif_inputs_with_one_flow_and_parameters_share_one_process() {
        Map<String, ?> params = Map.of("width", 120, "format", "png");
        List<MagickJob> jobs = Stream.of(png, JPEG, WEBP, gif).map(image -> fixture.plan("resize", params, image))
                .toList();

        assertThat(jobs.stream().map(BatchKey::of).distinct()).hasSize(1);
        assertThat(fixture.runner().run(jobs)).extracting(BatchOutcome::result)
                .containsExactly(Result.DONE, Result.DONE, Result.DONE, Result.DONE);
        assertThat(jobs).allSatisfy(job -> assertThat(job.output()).isNotEmptyFile());
    }

    @ParameterizedTest(name = "corrupt file at position {0} of 5")
    @ValueSource(ints = {0, 2, 4})
    void a_corrupt_file_fails_its_batch_and_alone_each_file_then_gets_its_own_result(int position) {
        List<MagickJob> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(fixture.plan("thumbnail", Map.of(), i == position ? corrupt : JPEG));
        }

        List<BatchOutcome> outcomes = fixture.runner().run(jobs);

        assertThat(outcomes).extracting(BatchOutcome::result).containsOnly(Result.RUN_ALONE);
        assertThat(jobs).as("no output of a failed batch is kept")
                .allSatisfy(job -> assertThat(job.output()).doesNotExist());
        for (int i = 0; i < 5; i++) {
            DarkroomException error = fixture.runAlone(jobs.get(i));
            if (i == position) {
                assertThat(error).as("the corrupt file, alone").isNotNull();
                assertThat(error.code()).isEqualTo(ErrorCode.UNDECODABLE);
            } else {
                assertThat(error).as("neighbour %s, alone", i).isNull();
                assertThat(jobs.get(i).output()).isNotEmptyFile();
            }
        }
    }

    @Test
    void a_truncated_jpeg_that_imagemagick_only_warns_about_fails_the_batch_too() {
        List<MagickJob> jobs = Stream.of(JPEG, Samples.get("truncated.jpg"), JPEG)
                .map(image -> fixture.plan("thumbnail", Map.of(), image)).toList();

        assertThat(fixture.runner().run(jobs)).extracting(BatchOutcome::result).containsOnly(Result.RUN_ALONE);
        assertThat(jobs).allSatisfy(job -> assertThat(job.output()).doesNotExist());
        assertThat(fixture.runAlone(jobs.get(1)).code()).isEqualTo(ErrorCode.UNDECODABLE);
    }

    @Test
    void the_process_gets_the_width_and_height_limits_of_its_largest_file() {
        Path small = Magick.make(SERVICE.dir(), "small.png", 64, 48, "gradient:red-blue", 1);
        Path large = Magick.make(SERVICE.dir(), "large.png", 2400, 1800, "gradient:red-blue", 1);
        // The small file's own limits (about 600 pixels a side) would refuse the large one.
        List<MagickJob> jobs = Stream.of(small, large, small)
                .map(image -> fixture.plan("thumbnail", Map.of("format", "png"), image)).toList();

        assertThat(fixture.runner().run(jobs)).extracting(BatchOutcome::result).containsOnly(Result.DONE);
    }

    @Test
    void batch_keys_separate_flows_parameters_and_output_types_but_not_inputs() {
        BatchKey thumb = key("thumbnail", Map.of("format", "png"), png);
        assertThat(key("thumbnail", Map.of("format", "png"), gif)).isEqualTo(thumb);
        assertThat(key("thumbnail", Map.of("format", "png"), WEBP)).isEqualTo(thumb);
        assertThat(key("thumbnail", Map.of("format", "png", "width", 128), png)).isNotEqualTo(thumb);
        assertThat(key("thumbnail", Map.of("format", "jpeg"), png)).isNotEqualTo(thumb);
        assertThat(key("thumbnail", Map.of("format", "jpeg"), png))
                .isNotEqualTo(key("thumbnail", Map.of("format", "jpeg", "quality", 60), png));
        assertThat(key("resize", Map.of("width", 256, "height", 256, "format", "png"), png)).isNotEqualTo(thumb);
        // A JPEG at least twice the thumbnail's decode box is decoded at a reduced size; other inputs are not, so
        // they run in their own batch. A smaller JPEG is decoded whole, as the other types are.
        assertThat(key("thumbnail", Map.of("format", "png"), largeJpeg)).isNotEqualTo(thumb);
        assertThat(key("thumbnail", Map.of("format", "png"), JPEG)).isEqualTo(thumb);
        assertThat(key("thumbnail", Map.of("format", "png"), JPEG))
                .isEqualTo(key("thumbnail", Map.of("format", "png"), Samples.get("photo.jpg")));
    }

    @Test
    void text_output_and_animations_kept_whole_cannot_share_a_process() {
        assertThat(BatchKey.of(fixture.plan("info", Map.of(), png))).isEmpty();
        assertThat(BatchKey.of(fixture.plan("resize", Map.of("width", 100), Samples.get("animated.gif")))).isEmpty();
        assertThat(BatchKey.of(fixture.plan("thumbnail", Map.of(), Samples.get("animated.gif")))).isPresent();
    }

    private BatchKey key(String flow, Map<String, ?> params, Path image) {
        return BatchKey.of(fixture.plan(flow, params, image)).orElseThrow();
    }
}
