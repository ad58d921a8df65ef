package org.darkroom.vision.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.darkroom.http.HttpDoor;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Identify;
import org.darkroom.testing.Magick;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vision flows over real HTTP with the tiny bundle loaded through the service's own start-up path (verified by
 * its SHA-256, graphs checked, encoder behind the djl: endpoint). The tiny bundle's answers are known by design
 * (tools/README.md): they prove the whole path ran, prompt templates included.
 */
class VisionHttpTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(TinyModel.settings());
    private final Path dir = SERVICE.dir();
    private final HttpClientSupport http = SERVICE.http();

    private JsonNode result(String path, Path image) throws Exception {
        HttpResponse<byte[]> response = http.postRaw(path, image, "application/octet-stream");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return HttpClientSupport.json(response).at("/result");
    }

    @Test
    void caption_lengths_use_the_bundles_templates() throws Exception {
        JsonNode normal = result("/v1/flows/caption", Samples.get("plain.jpg"));
        assertThat(normal.at("/caption").asText()).isEqualTo("A white dot.");
        assertThat(normal.at("/stopped_by").asText()).isEqualTo("eos");
        assertThat(normal.at("/model").asText()).isEqualTo("tiny.mf");
        assertThat(normal.has("confidence")).isFalse();

        JsonNode shortCaption = result("/v1/flows/caption?length=short", Samples.get("plain.jpg"));
        assertThat(shortCaption.at("/caption").asText()).isEqualTo("a red dot");
    }

    /** Inputs decoded outside ImageMagick reach the vision encoder as their decoded pixels. */
    @ParameterizedTest
    @ValueSource(strings = {"drawing.svg", "photo.dng", "photo.jxl"})
    void the_types_decoded_outside_imagemagick_are_captioned(String sample) throws Exception {
        assertThat(result("/v1/flows/caption?length=short", Samples.get(sample)).at("/caption").asText())
                .isEqualTo("a red dot");
    }

    @Test
    void a_question_in_any_script_is_answered_and_echoed_intact() throws Exception {
        String question = "¿De qué color es el café ☕?";
        JsonNode answer = result("/v1/flows/query?question=" + URLEncoder.encode(question, StandardCharsets.UTF_8),
                Samples.get("plain.jpg"));
        assertThat(answer.at("/question").asText()).isEqualTo(question);
        assertThat(answer.at("/answer").asText()).isEqualTo("yes");
    }

    @Test
    void detect_reports_the_models_boxes_as_fractions_without_scores() throws Exception {
        JsonNode found = result("/v1/flows/detect?object=dot", Samples.get("plain.jpg"));
        JsonNode boxes = found.at("/boxes");
        assertThat(boxes).hasSize(2);
        assertBox(boxes.get(0), 0.1875, 0.375, 0.3125, 0.625);
        assertBox(boxes.get(1), 0.625, 0.1875, 0.875, 0.3125);
        assertThat(boxes.get(0).size()).as("x_min, y_min, x_max, y_max and nothing invented").isEqualTo(4);

        JsonNode one = result("/v1/flows/detect?object=dot&max_objects=1", Samples.get("plain.jpg"));
        assertThat(one.at("/boxes")).hasSize(1);
    }

    private static void assertBox(JsonNode box, double xMin, double yMin, double xMax, double yMax) {
        assertThat(box.at("/x_min").asDouble()).isCloseTo(xMin, within(1e-9));
        assertThat(box.at("/y_min").asDouble()).isCloseTo(yMin, within(1e-9));
        assertThat(box.at("/x_max").asDouble()).isCloseTo(xMax, within(1e-9));
        assertThat(box.at("/y_max").asDouble()).isCloseTo(yMax, within(1e-9));
    }

    @Test
    void point_on_a_bundle_without_the_template_is_unsupported_before_any_work() throws Exception {
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/point?object=dot", Samples.get("plain.jpg"), "application/octet-stream");
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = HttpClientSupport.json(response);
        assertThat(problem.at("/code").asText()).isEqualTo("unsupported");
        assertThat(problem.at("/detail").asText()).contains("no point prompt").contains("detect");
    }

    @Test
    void annotate_writes_jpeg_xl_through_the_outside_encoder_like_every_flow() throws Exception {
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/annotate?object=dot&format=jxl",
                Samples.get("photo.jpg"), "application/octet-stream");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jxl");
        assertThat(response.body()).startsWith(0xff, 0x0a);
        JsonNode record = HttpClientSupport.json(response.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow());
        assertThat(record.at("/output/width").asInt()).isEqualTo(427);
    }

    @Test
    void annotate_outlines_each_box_on_the_upright_image_and_returns_the_boxes() throws Exception {
        // photo.jpg is stored 640x427 with an EXIF orientation that shows it 427x640.
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/annotate?object=dot&color=lime&format=png",
                Samples.get("photo.jpg"), "application/octet-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        Path annotated = HttpClientSupport.save(response, dir, "annotated.png");
        Identify image = Identify.of(annotated);
        assertThat(image.width()).isEqualTo(427);
        assertThat(image.height()).isEqualTo(640);
        JsonNode record = HttpClientSupport.json(response.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow());
        assertThat(record.at("/output/boxes")).hasSize(2);
        // The left edge of box 0 (x_min 0.1875 → x 80) at its vertical middle (y 320) is drawn in lime; the centre
        // of the box is left as it was.
        assertThat(Magick.pixel(annotated, 80, 320)).isEqualTo("0,255,0");
        assertThat(Magick.pixel(annotated, 107, 320)).isNotEqualTo("0,255,0");
    }

    @Test
    void the_same_bytes_are_encoded_once() throws Exception {
        Path image = Magick.make(dir, "cache-me.png", 300, 200, "plasma:fractal", 7);
        JsonNode first = result("/v1/flows/caption", image);
        JsonNode second = result("/v1/flows/query?question=what", image);
        JsonNode third = result("/v1/flows/detect?object=dot", image);
        assertThat(first.at("/image/from_cache").asBoolean()).isFalse();
        assertThat(second.at("/image/from_cache").asBoolean()).isTrue();
        assertThat(third.at("/image/from_cache").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}x{1} -> {2} crops")
    @CsvSource({"300,200,1", "529,300,1", "530,300,3", "800,400,3", "400,800,3", "1000,1000,5", "1200,900,5"})
    void the_crops_follow_the_aspect_ratio(int width, int height, int crops) throws Exception {
        Path image = Magick.make(dir, "crops-" + width + "x" + height + ".png", width, height, "gradient:red-blue", 0);
        JsonNode answer = result("/v1/flows/caption", image);
        assertThat(answer.at("/image/crops").asInt()).isEqualTo(crops);
        assertThat(answer.at("/image/width").asInt()).isEqualTo(width);
        assertThat(answer.at("/image/height").asInt()).isEqualTo(height);
    }

    @Test
    void missing_or_oversized_text_parameters_are_bad_parameters() throws Exception {
        List<String> codes = new ArrayList<>();
        for (String path : List.of("/v1/flows/detect", "/v1/flows/query",
                "/v1/flows/query?question=" + "x".repeat(VisionCatalog.MAX_QUESTION + 1))) {
            HttpResponse<byte[]> response = http.postRaw(path, Samples.get("plain.jpg"), "application/octet-stream");
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            codes.add(HttpClientSupport.json(response).at("/code").asText());
        }
        assertThat(codes).containsOnly("bad_parameter");
    }

    @Test
    void the_metrics_count_cache_look_ups_and_decoder_steps() throws Exception {
        result("/v1/flows/caption?length=short", Samples.get("alpha.png"));
        result("/v1/flows/caption?length=short", Samples.get("alpha.png"));
        String metrics = new String(http.send(http.request("/observe/metrics").GET().build()).body(),
                StandardCharsets.UTF_8);
        assertThat(metrics).containsPattern("darkroom_vision_cache_total\\{[^}]*result=\"hit\"[^}]*} [1-9]")
                .containsPattern("darkroom_vision_cache_total\\{[^}]*result=\"miss\"[^}]*} [1-9]")
                // a short caption: image prefill, prompt prefill, then one step per token fed back
                .containsPattern("darkroom_vision_decoder_steps_total\\{[^}]*flow=\"caption\"[^}]*} [1-9]")
                .contains("darkroom_vision_answer_duration_seconds_count{");
    }

    @Test
    void the_flow_list_has_the_vision_flows() throws Exception {
        JsonNode flows = HttpClientSupport.json(http.send(http.request("/v1/flows").GET().build()));
        List<String> names = new ArrayList<>();
        flows.at("/flows").forEach(flow -> names.add(flow.at("/name").asText()));
        assertThat(names).contains("caption", "query", "detect", "point", "annotate");
    }
}
