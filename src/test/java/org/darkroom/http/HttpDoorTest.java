package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.testing.Catalogs;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Identify;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every flow over real HTTP on a random port: raw, multipart and JSON calls. Every error answer is checked, with
 * the other doors', by {@code doors.DoorContractTest}.
 */
class HttpDoorTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    private final Path dir = SERVICE.dir();
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void a_raw_body_gets_the_image_back_with_its_record_in_a_header() throws Exception {
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/thumbnail?width=100&height=100",
                Samples.get("plain.jpg"), "image/jpeg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        Identify image = Identify.of(HttpClientSupport.save(response, dir, "raw.jpg"));
        assertThat(image.width()).isEqualTo(100);
        assertThat(image.height()).isEqualTo(67);
        JsonNode record = HttpClientSupport.json(response.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow());
        assertThat(record.at("/flow").asText()).isEqualTo("thumbnail");
        assertThat(record.at("/input/width").asInt()).isEqualTo(640);
        assertThat(record.at("/output/width").asInt()).isEqualTo(100);
        assertThat(record.at("/output/bytes").asLong()).isEqualTo(response.body().length);
    }

    @Test
    void a_multipart_upload_takes_its_parameters_from_the_form_fields() throws Exception {
        HttpResponse<byte[]> response = http.postMultipart("/v1/flows/resize", Samples.get("alpha.png"), "alpha.png",
                "width", "80", "format", "webp");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/webp");
        Identify image = Identify.of(HttpClientSupport.save(response, dir, "multi.webp"));
        assertThat(image.format()).isEqualTo("WEBP");
        assertThat(image.width()).isEqualTo(80);
    }

    @Test
    void accept_json_returns_one_document_with_the_image_base64_encoded() throws Exception {
        HttpResponse<byte[]> response = http.send(http.request("/v1/flows/convert?format=png")
                .header("Content-Type", "image/webp").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(Samples.get("photo.webp"))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = HttpClientSupport.json(response);
        assertThat(answer.at("/image/mime_type").asText()).isEqualTo("image/png");
        byte[] png = Base64.getDecoder().decode(answer.at("/image/data").asText());
        assertThat(Identify.of(Files.write(dir.resolve("b64.png"), png)).width()).isEqualTo(320);
        assertThat(answer.at("/output/type").asText()).isEqualTo("png");
    }

    @Test
    void a_json_flow_answers_json() throws Exception {
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/info", Samples.get("animated.gif"), "image/gif");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(HttpClientSupport.json(response).at("/result/frames").asInt()).isEqualTo(3);
    }

    @Test
    void transform_takes_its_operations_as_json_text_in_a_query_parameter() throws Exception {
        String ops = java.net.URLEncoder.encode("[{\"op\":\"crop\",\"width\":40,\"height\":30},{\"op\":\"flip\"}]",
                java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/transform?operations=" + ops,
                Samples.get("plain.jpg"), "image/jpeg");

        assertThat(response.statusCode()).isEqualTo(200);
        Identify image = Identify.of(HttpClientSupport.save(response, dir, "ops.jpg"));
        assertThat(image.width()).isEqualTo(40);
        assertThat(image.height()).isEqualTo(30);
    }

    @Test
    void an_image_labelled_as_a_form_as_curl_does_by_default_is_taken_by_its_bytes() throws Exception {
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/info", Samples.get("plain.jpg"),
                "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HttpClientSupport.json(response).at("/result/format").asText()).isEqualTo("jpeg");
    }

    @Test
    void the_flow_listing_and_openapi_are_the_catalog() {
        FlowCatalog catalog = Catalogs.withoutModel();
        JsonNode listing = HttpClientSupport.json(http.send(http.request("/v1/flows").GET().build()));
        List<String> listed = new ArrayList<>();
        listing.at("/flows").forEach(flow -> listed.add(flow.at("/name").asText()));
        assertThat(listed).containsExactlyElementsOf(catalog.names());
        assertThat(listing.at("/flows/0/parameters/properties/width/maximum").asInt()).isEqualTo(4096);

        JsonNode openApi = HttpClientSupport.json(http.send(http.request("/openapi.json").GET().build()));
        assertThat(openApi.at("/openapi").asText()).startsWith("3.1");
        for (String flow : catalog.names()) {
            assertThat(openApi.at("/paths").has("/v1/flows/" + flow)).as(flow).isTrue();
        }
    }

    @Test
    void a_url_to_a_private_address_is_refused_before_any_connection() {
        HttpResponse<byte[]> response = http.postJson("/v1/flows/thumbnail",
                "{\"url\": \"https://127.0.0.1:9/photo.jpg\", \"width\": 64}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo("fetch_blocked");
    }

    @Test
    void health_and_metrics_are_served() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> http.send(http.request("/observe/health").GET().build()).statusCode() == 200);
        HttpResponse<byte[]> health = http.send(http.request("/observe/health").GET().build());
        assertThat(new String(health.body())).contains("UP").doesNotContain(dir.toString());

        http.send(http.request("/v1/flows/thumbnail").header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofString("not an image")).build());
        String metrics = new String(http.send(http.request("/observe/metrics").GET().build()).body());
        assertThat(metrics).contains("darkroom_jobs_total").contains("code=\"unsupported_type\"")
                .contains("darkroom_job_duration_seconds_bucket").contains("darkroom_in_flight");
    }
}
