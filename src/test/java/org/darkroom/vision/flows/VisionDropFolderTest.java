package org.darkroom.vision.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default caption inbox, and a named detect inbox, with the tiny bundle loaded. */
class VisionDropFolderTest {
    @TempDir
    Path dir;

    @Test
    void dropped_images_get_a_caption_or_boxes_in_their_sidecar() throws Exception {
        Map<String, String> settings = new HashMap<>(TinyModel.settings());
        settings.put("darkroom.inbox.cars.flow", "detect");
        settings.put("darkroom.inbox.cars.object", "car");
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), settings)) {
            DataDir data = darkroom.data();
            data.drop("caption", Samples.get("photo.jpg"), "photo.jpg");
            data.drop("cars", Samples.get("plain.jpg"), "street.jpg");
            data.awaitAccounted("caption", 1, Duration.ofSeconds(30));
            data.awaitAccounted("cars", 1, Duration.ofSeconds(30));

            assertThat(data.sidecar("caption", "photo.jpg").at("/result/caption").asText()).isEqualTo("A white dot.");
            assertThat(data.sidecar("cars", "street.jpg").at("/result/object").asText()).isEqualTo("car");
            assertThat(data.sidecar("cars", "street.jpg").at("/result/boxes")).hasSize(2);
            assertThat(DataDir.inputs(data.archive("caption"))).containsExactly("photo.jpg");
        }
    }
}
