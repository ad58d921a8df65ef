package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drop-folder files that wait for a busy worker share one ImageMagick process, and nothing else changes: each keeps
 * its own record (which says where it stood in its batch), its own output — byte for byte what the single path
 * that HTTP uses writes — and a corrupt file among them ends in {@code failed/} with the code it gets on its own while
 * its neighbours are done.
 */
class SharedProcessTest {
    private static final int GOOD = 16;

    @TempDir
    Path dir;

    @Test
    void waiting_files_share_processes_and_each_keeps_its_record_its_output_and_its_own_failure() throws Exception {
        int port = HttpClientSupport.freePort();
        DataDir data = new DataDir(dir.resolve("data"));
        List<String> good = new ArrayList<>();
        Path staging = dir.resolve("staging");
        Files.createDirectories(staging);
        for (int i = 0; i < GOOD; i++) {
            String name = String.format("img-%02d.png", i);
            writePng(staging.resolve(name), i);
            good.add(name);
        }
        // In the middle by name, so it is taken among the others, and a PNG like them, so it may share their process.
        String corrupt = "img-07b-truncated.png";
        byte[] whole = Files.readAllBytes(staging.resolve(good.get(7)));
        Files.write(staging.resolve(corrupt), java.util.Arrays.copyOf(whole, whole.length / 2));

        ChildDarkroom child = ChildDarkroom.start(data.root(), dir.resolve("darkroom.log"),
                Map.of("darkroom.http.port", Integer.toString(port), "darkroom.workers", "1"));
        try {
            Files.createDirectories(data.inbox("thumbnail"));
            for (String name : DataDir.names(staging)) {
                Files.move(staging.resolve(name), data.inbox("thumbnail").resolve(name),
                        StandardCopyOption.ATOMIC_MOVE);
            }
            data.awaitAccounted("thumbnail", GOOD + 1, Duration.ofSeconds(120));

            assertThat(DataDir.inputs(data.archive("thumbnail"))).containsExactlyInAnyOrderElementsOf(good);
            assertThat(DataDir.inputs(data.failed("thumbnail"))).containsExactly(corrupt);
            String code = data.error("thumbnail", corrupt).at("/code").asText();

            List<JsonNode> batched = new ArrayList<>();
            for (String name : good) {
                JsonNode record = data.sidecar("thumbnail", name);
                if (record.has("batch")) {
                    JsonNode batch = record.get("batch");
                    assertThat(batch.get("size").asInt()).isBetween(2, 8);
                    assertThat(batch.get("index").asInt()).isBetween(0, batch.get("size").asInt() - 1);
                    batched.add(record);
                }
            }
            assertThat(batched).as("files that waited for the one worker ran several to a process").isNotEmpty();
            assertThat(child.logText()).as("the corrupt file's batch failed and its files ran alone")
                    .contains("its files run alone");

            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            HttpResponse<byte[]> alone = http.postRaw("/v1/flows/thumbnail", data.failed("thumbnail").resolve(corrupt),
                    "image/png");
            assertThat(alone.statusCode()).isNotEqualTo(200);
            assertThat(code).as("the code the same file gets on its own").isEqualTo(
                    HttpClientSupport.json(alone).path("code").asText());
            for (JsonNode record : batched) {
                String name = record.at("/input/name").asText();
                HttpResponse<byte[]> single = http.postRaw("/v1/flows/thumbnail",
                        data.archive("thumbnail").resolve(name), "image/png");
                assertThat(single.statusCode()).isEqualTo(200);
                assertThat(Files.readAllBytes(data.outbox("thumbnail").resolve(name + ".png")))
                        .as("%s batched and alone", name).isEqualTo(single.body());
            }
        } finally {
            child.stop();
        }
    }

    /** A small image of its own colour (its own SHA-256). */
    private static void writePng(Path file, int i) throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(i * 15, 255 - i * 15, (i * 37) % 256));
        graphics.fillRect(0, 0, 320, 240);
        graphics.setColor(Color.WHITE);
        graphics.drawString("image " + i, 20, 120);
        graphics.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
