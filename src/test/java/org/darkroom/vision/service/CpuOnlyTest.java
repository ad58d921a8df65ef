package org.darkroom.vision.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Darkroom runs the model on the CPU and says nothing about GPUs: on a machine with a CUDA runtime library but no
 * driver (as these machines have), DJL and ONNX Runtime would otherwise warn at every start.
 */
class CpuOnlyTest {
    @TempDir
    Path dir;

    @Test
    void loading_and_running_the_model_logs_no_gpu_warnings() throws Exception {
        int port = HttpClientSupport.freePort();
        Map<String, String> settings = new LinkedHashMap<>(TinyModel.settings());
        settings.put("darkroom.http.port", Integer.toString(port));
        ChildDarkroom child = ChildDarkroom.start(dir.resolve("data"), dir.resolve("darkroom.log"), settings);
        try {
            HttpResponse<String> caption = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/flows/caption"))
                    .POST(HttpRequest.BodyPublishers.ofFile(Samples.get("photo.jpg"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(caption.statusCode()).as(caption.body()).isEqualTo(200);
        } finally {
            child.stop();
        }
        assertThat(child.logText()).contains("Vision model loaded")
                .doesNotContainIgnoringCase("cuda").doesNotContainIgnoringCase("gpu");
    }
}
