package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Identify;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.OriginServer;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flows on images fetched by URL through the HTTP door, from a real server the test starts on loopback. */
class HttpFetchTest {
    @TempDir
    Path dir;

    @Test
    void a_fetched_image_goes_through_the_same_intake_and_flow_as_an_upload() throws Exception {
        byte[] photo = Files.readAllBytes(Samples.get("plain.jpg"));
        OriginServer origin = OriginServer.serving(Map.of("photo.jpg", "plain.jpg", "fake.jpg", "not-an-image.jpg"));
        int port = HttpClientSupport.freePort();
        String base = origin.base();
        // Loopback and plain http are allowed explicitly here; the defaults refuse both (see HttpDoorTest).
        try (RunningDarkroom ignored = RunningDarkroom.start(dir, Map.of("darkroom.http.port", String.valueOf(port),
                "darkroom.fetch.allow-http", "true", "darkroom.fetch.allow-private-addresses", "true"))) {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);

            HttpResponse<byte[]> fetched = http.postJson("/v1/flows/thumbnail",
                    "{\"url\": \"" + base + "/photo.jpg\", \"width\": 120, \"height\": 120}");
            HttpResponse<byte[]> missing = http.postJson("/v1/flows/thumbnail", "{\"url\": \"" + base + "/gone.jpg\"}");
            HttpResponse<byte[]> notImage = http.postJson("/v1/flows/thumbnail", "{\"url\": \"" + base + "/fake.jpg\"}");
            HttpResponse<byte[]> noUrl = http.postJson("/v1/flows/thumbnail", "{\"width\": 5}");

            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(Identify.of(HttpClientSupport.save(fetched, dir, "fetched.jpg")).width()).isEqualTo(120);
            assertThat(HttpClientSupport.json(fetched.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow())
                    .at("/input/bytes").asLong()).isEqualTo(photo.length);
            assertThat(missing.statusCode()).isEqualTo(502);
            assertThat(HttpClientSupport.json(missing).at("/code").asText()).isEqualTo("fetch_failed");
            assertThat(notImage.statusCode()).isEqualTo(415);
            assertThat(HttpClientSupport.json(notImage).at("/code").asText()).isEqualTo("unsupported_type");
            assertThat(noUrl.statusCode()).isEqualTo(400);
        } finally {
            origin.close();
        }
    }

    @Test
    void every_flow_answers_a_raw_body_a_multipart_upload_and_a_url_alike() throws Exception {
        OriginServer origin = OriginServer.serving(Map.of("plain.jpg", "plain.jpg"));
        int port = HttpClientSupport.freePort();
        Map<String, String> params = Map.of("thumbnail", "width=64", "resize", "width=64", "convert", "format=png",
                "transform", "operations=grayscale", "info", "");
        try (RunningDarkroom ignored = RunningDarkroom.start(dir, Map.of("darkroom.http.port", String.valueOf(port),
                "darkroom.fetch.allow-http", "true", "darkroom.fetch.allow-private-addresses", "true"))) {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            for (String flow : new org.darkroom.flow.FlowCatalog(new org.darkroom.magick.flows.MagickFlows().specs())
                    .names()) {
                String[] field = params.get(flow).split("=", 2);
                String query = params.get(flow).isEmpty() ? "" : "?" + field[0] + "="
                        + java.net.URLEncoder.encode(field[1], java.nio.charset.StandardCharsets.UTF_8);
                String json = params.get(flow).isEmpty() ? "" : ", \"" + field[0] + "\": \"" + field[1] + "\"";
                HttpResponse<byte[]> raw = http.postRaw("/v1/flows/" + flow + query, Samples.get("plain.jpg"),
                        "image/jpeg");
                HttpResponse<byte[]> multipart = params.get(flow).isEmpty()
                        ? http.postMultipart("/v1/flows/" + flow, Samples.get("plain.jpg"), "plain.jpg")
                        : http.postMultipart("/v1/flows/" + flow, Samples.get("plain.jpg"), "plain.jpg", field);
                HttpResponse<byte[]> url = http.postJson("/v1/flows/" + flow, "{\"url\": \"" + origin.base()
                        + "/plain.jpg\"" + json + "}");

                for (HttpResponse<byte[]> response : java.util.List.of(raw, multipart, url)) {
                    assertThat(response.statusCode()).as(flow + " " + new String(response.body(),
                            java.nio.charset.StandardCharsets.ISO_8859_1).substring(0,
                            Math.min(200, response.body().length))).isEqualTo(200);
                }
                // The same bytes went in three ways, so the same answer must come out.
                if (raw.headers().firstValue("Content-Type").orElse("").startsWith("image/")) {
                    assertThat(multipart.body()).as(flow).isEqualTo(raw.body());
                    assertThat(url.body()).as(flow).isEqualTo(raw.body());
                } else {
                    JsonNode expected = HttpClientSupport.json(raw).at("/result");
                    assertThat(HttpClientSupport.json(multipart).at("/result")).as(flow).isEqualTo(expected);
                    assertThat(HttpClientSupport.json(url).at("/result")).as(flow).isEqualTo(expected);
                }
            }
        } finally {
            origin.close();
        }
    }
}
