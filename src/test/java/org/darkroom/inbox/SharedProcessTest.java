package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drop-folder files that wait for a busy worker share one ImageMagick process, and nothing else changes: each keeps
 * its own record (which says where it stood in its batch), its own output — byte for byte what the single path
 * that HTTP uses writes — and a corrupt file among them ends in {@code failed/} with the code it gets on its own while
 * its neighbours are done.
 */
class SharedProcessTest {
    /** With the corrupt one, two batches' worth: every file waits behind the held worker, so all of them share. */
    private static final int GOOD = 15;
    /**
     * An inbox whose one job holds the only worker for over a minute (its limits raised by this operator), until the
     * test ends it: files dropped meanwhile all wait, so how they are batched does not depend on the machine's speed.
     */
    private static final Map<String, String> HELD_WORKER = Map.of(
            "darkroom.workers", "1",
            // Room for every file to wait at once (by default, a drop folder's share of one worker is 16 files).
            "darkroom.max-in-flight", "8",
            "darkroom.inbox.hold.flow", "transform",
            "darkroom.inbox.hold.operations", "resize width=9000 upscale=true; blur sigma=40",
            "darkroom.limits.max-pixels", "200000000",
            "darkroom.limits.max-work", "1000000000000");

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

        Map<String, String> settings = new HashMap<>(HELD_WORKER);
        settings.put("darkroom.http.port", Integer.toString(port));
        ChildDarkroom child = ChildDarkroom.start(data.root(), dir.resolve("darkroom.log"), settings);
        HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
        try {
            data.drop("hold", Samples.get("plain.jpg"), "hold.jpg");
            ProcessHandle holder = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> heldJob(data), Optional::isPresent).get();
            Files.createDirectories(data.inbox("thumbnail"));
            for (String name : DataDir.names(staging)) {
                Files.move(staging.resolve(name), data.inbox("thumbnail").resolve(name),
                        StandardCopyOption.ATOMIC_MOVE);
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> inFlight(http) == GOOD + 2);
            // Admitted is not yet queued for the worker: a moment for the last ones to plan their jobs.
            Thread.sleep(1000);
            assertThat(holder.isAlive()).as("the worker was held until every file waited").isTrue();
            holder.destroyForcibly();
            data.awaitAccounted("thumbnail", GOOD + 1, Duration.ofSeconds(120));
            data.awaitAccounted("hold", 1, Duration.ofSeconds(30));

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

    /** The ImageMagick process of the hold inbox's job (its blur), if it runs now. */
    private static Optional<ProcessHandle> heldJob(DataDir data) {
        String area = data.layout().work().toString();
        return ProcessHandle.allProcesses().filter(p -> {
            String commandLine = p.info().commandLine().orElse("");
            return commandLine.contains(area) && commandLine.contains("-blur");
        }).findFirst();
    }

    /** Drop-folder jobs admitted and not yet finished, from the service's own gauge. */
    private static int inFlight(HttpClientSupport http) {
        String metrics = new String(http.send(http.request("/observe/metrics").GET().build()).body(),
                StandardCharsets.UTF_8);
        Matcher gauge = Pattern.compile("darkroom_in_flight\\{door=\"inbox\",?} ([0-9.]+)").matcher(metrics);
        return gauge.find() ? (int) Double.parseDouble(gauge.group(1)) : 0;
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
