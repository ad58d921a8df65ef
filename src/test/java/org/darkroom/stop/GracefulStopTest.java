package org.darkroom.stop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real service with ImageMagick at work: jobs that fit in the shutdown timeout finish and are
 * delivered; jobs that do not are stopped with their inputs untouched in the inbox, and their HTTP callers are told
 * {@code 503 not_ready} with Retry-After, never a processing error.
 */
class GracefulStopTest {
    /** A few seconds of ImageMagick for a 12 KB input. */
    private static final String MEDIUM = "resize width=3000 upscale=true; blur sigma=10";
    /** Over a minute of ImageMagick for a 12 KB input. */
    private static final String SLOW = "resize width=9000 upscale=true; blur sigma=40";

    @TempDir
    Path work;

    @Test
    void a_job_running_at_sigterm_that_fits_in_the_shutdown_timeout_finishes_and_is_delivered() throws Exception {
        DataDir data = new DataDir(work.resolve("data"));
        ChildDarkroom child = ChildDarkroom.start(data.root(), work.resolve("child.log"), Map.of(
                "darkroom.inbox.medium.flow", "transform",
                "darkroom.inbox.medium.operations", MEDIUM,
                "camel.main.shutdown-timeout", "45"));
        try {
            data.drop("medium", Samples.get("plain.jpg"), "medium.jpg");
            awaitImageMagick(data, 1);

            child.stop();

            assertThat(DataDir.inputs(data.archive("medium"))).containsExactly("medium.jpg");
            assertThat(DataDir.names(data.outbox("medium"))).contains("medium.jpg.jpg", "medium.jpg.json");
            assertThat(DataDir.names(data.failed("medium"))).isEmpty();
            assertThat(DataDir.names(data.inbox("medium"))).isEmpty();
        } finally {
            child.kill();
        }
    }

    @Test
    void jobs_longer_than_the_shutdown_timeout_are_stopped_leaving_inputs_in_the_inbox_and_callers_told_not_ready()
            throws Exception {
        DataDir data = new DataDir(work.resolve("data"));
        int port = HttpClientSupport.freePort();
        ChildDarkroom child = ChildDarkroom.start(data.root(), work.resolve("child.log"), Map.of(
                "darkroom.inbox.slow.flow", "transform",
                "darkroom.inbox.slow.operations", SLOW,
                // Two heavy jobs at once: heavy ones leave one worker free, and need limits raised to be let in.
                "darkroom.workers", "3",
                "darkroom.limits.max-pixels", "200000000",
                "darkroom.limits.max-work", "1000000000000",
                "darkroom.http.port", String.valueOf(port),
                "camel.main.shutdown-timeout", "8"));
        HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
        try {
            byte[] original = Files.readAllBytes(Samples.get("plain.jpg"));
            data.drop("slow", Samples.get("plain.jpg"), "slow.jpg");
            CompletableFuture<HttpResponse<byte[]>> slowCall = CompletableFuture.supplyAsync(() -> post(http, SLOW));
            awaitImageMagick(data, 2);

            long stopStarted = System.nanoTime();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> stop(child));
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> child.logText().contains("Stopping: jobs in progress"));
            // A request that arrives while the stop is under way is told to come back, not failed.
            HttpResponse<byte[]> arriving = post(http, "grayscale");
            assertThat(arriving.statusCode()).as(new String(arriving.body(), StandardCharsets.UTF_8)).isEqualTo(503);
            assertThat(HttpClientSupport.json(arriving).at("/code").asText()).isEqualTo("not_ready");

            HttpResponse<byte[]> cutShort = slowCall.get(30, TimeUnit.SECONDS);
            exit.get(30, TimeUnit.SECONDS);
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStarted);

            assertThat(cutShort.statusCode()).isEqualTo(503);
            assertThat(HttpClientSupport.json(cutShort).at("/code").asText()).isEqualTo("not_ready");
            assertThat(cutShort.headers().firstValue("Retry-After")).isPresent();
            assertThat(DataDir.names(data.inbox("slow"))).as("the input, untouched, and no lock left")
                    .containsExactly("slow.jpg");
            assertThat(data.inbox("slow").resolve("slow.jpg")).hasBinaryContent(original);
            assertThat(DataDir.names(data.failed("slow"))).isEmpty();
            assertThat(DataDir.names(data.archive("slow"))).isEmpty();
            assertThat(DataDir.names(data.outbox("slow"))).isEmpty();
            assertThat(stopMillis).as("the stop keeps to the shutdown timeout").isLessThan(8000 + 3000);
            assertThat(imageMagickIn(data)).isEmpty();
            assertThat(child.logText()).doesNotContain("processing_failed");
        } finally {
            child.kill();
        }
    }

    private static HttpResponse<byte[]> post(HttpClientSupport http, String operations) {
        try {
            return http.postRaw("/v1/flows/transform?operations=" + URLEncoder.encode(operations, StandardCharsets.UTF_8),
                    Samples.get("plain.jpg"), "image/jpeg");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int stop(ChildDarkroom child) {
        try {
            return child.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitImageMagick(DataDir data, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> imageMagickIn(data).size() >= count);
    }

    /** ImageMagick processes working on files in the service's work area, found by their command line in /proc. */
    private static List<ProcessHandle> imageMagickIn(DataDir data) {
        String area = data.layout().work().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(area))
                .toList();
    }
}
