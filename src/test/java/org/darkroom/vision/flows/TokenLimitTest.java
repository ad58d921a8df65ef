package org.darkroom.vision.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On its defaults, an answer stops where the official Moondream client stops one (512 tokens), so the two can be
 * compared text for text. The tiny bench bundle's {@code bench} caption never reaches EOS.
 */
class TokenLimitTest {
    @TempDir
    Path dir;

    @Test
    void an_endless_caption_stops_at_the_reference_clients_512_tokens() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"),
                TinyModel.settings("tiny-bench.mf.gz"))) {
            HttpResponse<byte[]> response = darkroom.http().postRaw("/v1/flows/caption?length=bench",
                    Samples.get("plain.jpg"), "application/octet-stream");
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode caption = HttpClientSupport.json(response).at("/result");
            assertThat(caption.at("/stopped_by").asText()).isEqualTo("token_limit");
            assertThat(caption.at("/tokens").asInt()).isEqualTo(512);
        }
    }
}
