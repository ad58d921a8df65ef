package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.RunningDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With keys configured the metrics need one: an API key, or a metrics key that opens nothing else. */
class MetricsAccessTest {
    @TempDir
    Path dir;

    @Test
    void with_api_keys_the_metrics_take_an_api_key_or_a_metrics_key_and_a_metrics_key_opens_nothing_else()
            throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), Map.of(
                "darkroom.http.api-keys", "k-api", "darkroom.http.metrics-keys", "k-scrape-1, k-scrape-2"))) {
            HttpClientSupport http = darkroom.http();

            HttpResponse<byte[]> none = metrics(http, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(none.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
            assertThat(HttpClientSupport.json(none).at("/code").asText()).isEqualTo("unauthorized");
            assertThat(new String(none.body(), StandardCharsets.UTF_8)).doesNotContain("camel_");
            assertThat(metrics(http, "Bearer k-nope").statusCode()).isEqualTo(401);
            assertThat(metrics(http, "Basic k-scrape-1").statusCode()).isEqualTo(401);

            for (String key : new String[] {"k-api", "k-scrape-1", "k-scrape-2"}) {
                HttpResponse<byte[]> allowed = metrics(http, "Bearer " + key);
                assertThat(allowed.statusCode()).as(key).isEqualTo(200);
                assertThat(new String(allowed.body(), StandardCharsets.UTF_8)).as(key).contains("camel_routes_running_routes");
            }

            HttpResponse<byte[]> flows = http.send(http.request("/v1/flows")
                    .header("Authorization", "Bearer k-scrape-1").GET().build());
            assertThat(flows.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void metrics_keys_alone_also_close_the_metrics_while_flows_stay_open() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), Map.of(
                "darkroom.http.metrics-keys", "k-scrape"))) {
            HttpClientSupport http = darkroom.http();

            assertThat(metrics(http, null).statusCode()).isEqualTo(401);
            assertThat(metrics(http, "Bearer k-scrape").statusCode()).isEqualTo(200);
            assertThat(http.send(http.request("/v1/flows").GET().build()).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<byte[]> metrics(HttpClientSupport http, String authorization) {
        var request = http.request("/observe/metrics").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }
}
