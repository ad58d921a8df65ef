package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.flow.Version;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health over HTTP is public, for load balancers, so it says UP or DOWN and nothing else, whatever the query asks;
 * readiness follows ImageMagick, and flows refuse work while it is down.
 */
class HealthTest {
    private static final List<String> PATHS = List.of("/observe/health", "/observe/health/", "/observe/health/ready",
            "/observe/health/live");
    // Every query form Camel's management server reads (ManagementHttpServer: exposureLevel, data, stackTrace).
    private static final List<String> QUERIES = List.of("", "?exposureLevel=full", "?exposureLevel=full&data=true",
            "?exposureLevel=full&data=true&stackTrace=true", "?exposureLevel=default&data=true&stackTrace=true",
            "?exposureLevel=oneline&data=true&stackTrace=true", "?data=true", "?stackTrace=true",
            "?exposureLevel=FULL&data=TRUE");

    @TempDir
    Path dir;

    @Test
    void health_says_up_and_its_version_and_nothing_more_to_any_query_even_with_api_keys() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"),
                Map.of("darkroom.http.api-keys", "k-one"))) {
            HttpClientSupport http = darkroom.http();
            awaitReady(http);
            for (String path : PATHS) {
                for (String query : QUERIES) {
                    HttpResponse<byte[]> response = http.send(http.request(path + query).GET().build());

                    assertThat(response.statusCode()).as(path + query).isEqualTo(200);
                    assertTellsNothing(body(response), path + query).isEqualTo("{\"status\":\"UP\",\"version\":\"" + Version.current() + "\"}");
                }
            }
        }
    }

    @Test
    void while_imagemagick_fails_its_check_readiness_is_down_without_saying_why_and_flows_answer_not_ready()
            throws Exception {
        Path policy = Files.createDirectories(dir.resolve("policy"));
        Files.copy(Samples.projectDir().resolve("policy/policy.xml"), policy.resolve("policy.xml"));
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), Map.of(
                "darkroom.magick.policy-dir", policy.toString(), "darkroom.magick.recheck-ms", "100",
                "darkroom.http.api-keys", "k-one"))) {
            HttpClientSupport http = darkroom.http();
            awaitReady(http);

            Files.delete(policy.resolve("policy.xml"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    http.send(http.request("/observe/health/ready").GET().build()).statusCode() == 503);

            for (String path : PATHS) {
                for (String query : QUERIES) {
                    HttpResponse<byte[]> response = http.send(http.request(path + query).GET().build());
                    // Liveness does not include ImageMagick: a restart would not bring the policy file back.
                    boolean live = path.endsWith("/live");

                    assertThat(response.statusCode()).as(path + query).isEqualTo(live ? 200 : 503);
                    assertTellsNothing(body(response), path + query)
                            .isEqualTo("{\"status\":\"" + (live ? "UP" : "DOWN") + "\",\"version\":\"" + Version.current() + "\"}");
                }
            }
            HttpResponse<byte[]> flow = http.send(http.request("/v1/flows/info").header("Authorization", "Bearer k-one")
                    .header("Content-Type", "image/jpeg")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(Samples.get("plain.jpg"))).build());
            assertThat(flow.statusCode()).isEqualTo(503);
            assertThat(HttpClientSupport.json(flow).at("/code").asText()).isEqualTo("not_ready");
        }
    }

    /** Readiness turns UP once every route and consumer has started, shortly after the service is up. */
    private static void awaitReady(HttpClientSupport http) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                http.send(http.request("/observe/health/ready").GET().build()).statusCode() == 200);
    }

    /** Asserts the body names nothing of the machine; Darkroom's own version is the one thing it tells. */
    private org.assertj.core.api.AbstractStringAssert<?> assertTellsNothing(String body, String what) {
        assertThat(body.replace(",\"version\":\"" + Version.current() + "\"", "")).as(what)
                .doesNotContain(dir.toString()).doesNotContain("/usr/bin")
                .doesNotContainIgnoringCase("convert").doesNotContainIgnoringCase("imagemagick")
                .doesNotContainIgnoringCase("version").doesNotContain("policy").doesNotContain("Exception")
                .doesNotContain("file:");
        return assertThat(body).as(what);
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8).trim();
    }
}
