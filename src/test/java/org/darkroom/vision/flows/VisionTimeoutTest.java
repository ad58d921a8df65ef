package org.darkroom.vision.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vision request past darkroom.vision.timeout-ms is answered 504 timeout, and its place is given back. */
class VisionTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void a_request_past_its_deadline_is_a_timeout_and_frees_its_place() throws Exception {
        Map<String, String> settings = new HashMap<>(TinyModel.settings());
        // Shorter than one ImageMagick process takes to start, and no cache to skip that process: the deadline
        // always passes while the image is decoded.
        settings.put("darkroom.vision.timeout-ms", "1");
        settings.put("darkroom.vision.cached-images", "0");
        settings.put("darkroom.vision.queue", "0");
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), settings)) {
            HttpClientSupport http = darkroom.http();
            for (int i = 0; i < 3; i++) {
                // With one place and no queue, a place kept by an earlier request would make these busy (429).
                HttpResponse<byte[]> response = http.postRaw("/v1/flows/caption", Samples.get("plain.jpg"),
                        "image/jpeg");
                assertThat(response.statusCode()).isEqualTo(504);
                assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo("timeout");
                assertThat(HttpClientSupport.json(response).at("/detail").asText())
                        .contains("darkroom.vision.timeout-ms");
            }
        }
    }
}
