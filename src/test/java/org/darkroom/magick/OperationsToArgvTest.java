package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.ImageHeader;
import org.darkroom.intake.ImageType;
import org.darkroom.magick.flows.MagickFlows;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.junit.jupiter.api.Test;

/** Typed parameters become fixed ImageMagick arguments; user text never does. */
class OperationsToArgvTest {
    private static final Path JOB = Path.of("/work/job-1");
    private final MagickFlows flows = new MagickFlows();

    private static AcceptedImage input(ImageType type, int frames) {
        return input(type, frames, 4000, 3000);
    }

    private static AcceptedImage input(ImageType type, int frames, int width, int height) {
        return new AcceptedImage(JOB.resolve("input"), new ImageHeader(type, width, height, frames,
                (long) width * height), 1234, "00", "-write evil;rm -rf ~.jpg");
    }

    private List<String> argv(String flow, ImageType type, int frames, Map<String, ?> raw) {
        return argv(flow, input(type, frames), raw);
    }

    private List<String> argv(String flow, AcceptedImage input, Map<String, ?> raw) {
        FlowSpec spec = flows.specs().stream().filter(s -> s.name().equals(flow)).findFirst().orElseThrow();
        FlowParameters params = spec.params().parse(raw);
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(
                new org.apache.camel.impl.DefaultCamelContext());
        exchange.setProperty(FlowExchange.FLOW, flow);
        exchange.setProperty(FlowExchange.PARAMS, params);
        exchange.setProperty(FlowExchange.INPUT, input);
        return flows.plan(exchange).args();
    }

    @Test
    void thumbnail_decodes_jpeg_at_reduced_size_and_never_enlarges() {
        assertThat(argv("thumbnail", ImageType.JPEG, 1, Map.of())).containsExactly(
                "-define", "jpeg:size=512x512", "jpeg:/work/job-1/input[0]", "-auto-orient", "-thumbnail",
                "256x256>", "-strip", "-quality", "85", "jpeg:/work/job-1/output.jpg");
    }

    /** ImageMagick 6 would decode a JPEG under twice the hint's sides at twice its size (JpegDecodeHintTest). */
    @Test
    void a_jpeg_under_twice_the_hint_is_decoded_as_it_is() {
        assertThat(argv("thumbnail", input(ImageType.JPEG, 1, 640, 427), Map.of())).doesNotContain("-define");
        assertThat(argv("thumbnail", input(ImageType.JPEG, 1, 2000, 1000), Map.of())).doesNotContain("-define");
        assertThat(argv("thumbnail", input(ImageType.JPEG, 1, 1024, 1024), Map.of()))
                .containsSequence("-define", "jpeg:size=512x512");
    }

    @Test
    void thumbnail_of_png_has_no_jpeg_hint_and_no_quality() {
        assertThat(argv("thumbnail", ImageType.PNG, 1, Map.of("width", "100", "height", 50))).containsExactly(
                "png:/work/job-1/input[0]", "-auto-orient", "-thumbnail", "100x50>", "-strip",
                "png:/work/job-1/output.png");
    }

    @Test
    void resize_fit_modes_map_to_geometry_flags() {
        assertThat(argv("resize", ImageType.PNG, 1, Map.of("width", 800))).containsSequence("-resize", "800>");
        assertThat(argv("resize", ImageType.PNG, 1, Map.of("height", 600, "upscale", true)))
                .containsSequence("-resize", "x600");
        assertThat(argv("resize", ImageType.PNG, 1, Map.of("width", 80, "height", 60, "fit", "cover")))
                .containsSequence("-resize", "80x60^>", "-gravity", "center", "-crop", "80x60+0+0", "+repage");
        assertThat(argv("resize", ImageType.PNG, 1, Map.of("width", 80, "height", 60, "fit", "fill", "upscale", "yes")))
                .containsSequence("-resize", "80x60!");
    }

    @Test
    void resize_needs_a_dimension_and_cover_needs_both() {
        assertThatThrownBy(() -> argv("resize", ImageType.PNG, 1, Map.of()))
                .isInstanceOf(DarkroomException.class).extracting("code").isEqualTo(ErrorCode.BAD_PARAMETER);
        assertThatThrownBy(() -> argv("resize", ImageType.PNG, 1, Map.of("width", 80, "fit", "cover")))
                .isInstanceOf(DarkroomException.class).extracting("code").isEqualTo(ErrorCode.BAD_PARAMETER);
    }

    @Test
    void convert_keeps_every_frame_only_when_the_output_can_hold_them() {
        assertThat(argv("convert", ImageType.GIF, 3, Map.of("format", "webp")))
                .contains("gif:/work/job-1/input", "-coalesce").last().isEqualTo("webp:/work/job-1/output.webp");
        assertThat(argv("convert", ImageType.GIF, 3, Map.of("format", "jpeg")))
                .contains("gif:/work/job-1/input[0]").doesNotContain("-coalesce");
    }

    @Test
    void keep_metadata_skips_strip_and_auto_orient() {
        List<String> kept = argv("convert", ImageType.JPEG, 1, Map.of("format", "png", "keep_metadata", true));
        assertThat(kept).doesNotContain("-strip", "-auto-orient");
        assertThat(argv("convert", ImageType.JPEG, 1, Map.of("format", "png"))).contains("-strip", "-auto-orient");
    }

    @Test
    void transform_maps_each_operation_in_order() {
        List<String> args = argv("transform", ImageType.JPEG, 1, Map.of("operations", List.of(
                Map.of("op", "crop", "width", 100, "height", 50, "x", 5, "y", 6),
                Map.of("op", "rotate", "degrees", -90),
                Map.of("op", "flip"), Map.of("op", "flop"), Map.of("op", "grayscale"),
                Map.of("op", "blur", "sigma", 3), Map.of("op", "sharpen"),
                Map.of("op", "quality", "value", 70), Map.of("op", "format", "type", "webp"))));
        assertThat(args).containsExactly("jpeg:/work/job-1/input[0]", "-auto-orient",
                "-crop", "100x50+5+6", "+repage", "-background", "none", "-rotate", "-90", "+repage",
                "-flip", "-flop", "-colorspace", "Gray", "-blur", "0x3", "-sharpen", "0x1", "-strip",
                "-quality", "70", "webp:/work/job-1/output.webp");
    }

    @Test
    void transform_accepts_the_compact_text_form() {
        assertThat(argv("transform", ImageType.PNG, 1, Map.of("operations", "resize width=10; grayscale")))
                .containsSequence("-resize", "10>", "-colorspace", "Gray");
    }

    @Test
    void the_input_name_never_reaches_the_command_line() {
        for (String flow : List.of("thumbnail", "info")) {
            assertThat(argv(flow, ImageType.JPEG, 1, Map.of())).noneMatch(arg -> arg.contains("evil"));
        }
    }

    @Test
    void info_pings_the_first_frame_into_a_text_file() {
        List<String> args = argv("info", ImageType.TIFF, 2, Map.of());
        assertThat(args.get(0)).isEqualTo("-ping");
        assertThat(args.get(1)).isEqualTo("tiff:/work/job-1/input[0]");
        assertThat(args.get(args.size() - 1)).isEqualTo("info:/work/job-1/info.txt");
    }
}
