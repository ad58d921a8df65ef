package org.darkroom.stop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real service whose data directory is on a real 20 MB file system (tmpfs) that fills up: inputs stay in their
 * inbox, nothing half-written is left, readiness is DOWN and flows answer {@code 503 not_ready} while it is full,
 * and the work is done once space returns.
 */
class DiskFullTest {
    /** A PNG of about 900 KB from a 12 KB input: more than the room left in the first phase. */
    private static final Map<String, String> BIG_OUTPUT = Map.of(
            "darkroom.inbox.big.flow", "resize",
            "darkroom.inbox.big.width", "4000",
            "darkroom.inbox.big.upscale", "true",
            "darkroom.inbox.big.format", "png",
            "darkroom.data.min-free", "256KiB",
            "darkroom.data.full-retry-ms", "500");
    private static final long KIB = 1024;

    @TempDir
    Path work;

    @Test
    void a_full_disk_keeps_inputs_in_the_inbox_says_not_ready_and_work_resumes_when_space_returns() throws Exception {
        Path mount = Files.createDirectories(work.resolve("small-disk"));
        mountTmpfs(mount);
        ChildDarkroom child = null;
        try {
            DataDir data = new DataDir(mount.resolve("data"));
            int port = HttpClientSupport.freePort();
            Map<String, String> settings = new java.util.HashMap<>(BIG_OUTPUT);
            settings.put("darkroom.http.port", String.valueOf(port));
            child = ChildDarkroom.start(data.root(), work.resolve("child.log"), settings);
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            byte[] original = Files.readAllBytes(Samples.get("plain.jpg"));
            Path filler = mount.resolve("filler");

            // Room for the job to start (above min-free) but not for its output: it runs out of space mid-write.
            fillUntilFree(filler, 600 * KIB);
            data.drop("big", Samples.get("plain.jpg"), "big.jpg");
            ChildDarkroom running = child;
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> running.logText().contains("a job ran out of space"));
            assertNothingLostOrHalfWritten(data, original);

            // Below min-free: readiness DOWN, flows refused before anything runs, the input still waits.
            fillUntilFree(filler, 128 * KIB);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                    http.send(http.request("/observe/health/ready").GET().build()).statusCode() == 503);
            HttpResponse<byte[]> refused = http.postRaw("/v1/flows/info", Samples.get("plain.jpg"), "image/jpeg");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(HttpClientSupport.json(refused).at("/code").asText()).isEqualTo("not_ready");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            // Readiness may first stay down for the job that ran out of space; the low-space reason follows.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> running.logText().contains("less than darkroom.data.min-free"));
            assertNothingLostOrHalfWritten(data, original);

            // Space returns: the waiting input is done, readiness is UP again.
            Files.delete(filler);
            data.awaitAccounted("big", 1, Duration.ofSeconds(30));
            assertThat(DataDir.inputs(data.archive("big"))).containsExactly("big.jpg");
            assertThat(DataDir.names(data.outbox("big"))).containsExactly("big.jpg.json", "big.jpg.png");
            assertThat(DataDir.names(data.failed("big"))).isEmpty();
            assertThat(http.send(http.request("/observe/health/ready").GET().build()).statusCode()).isEqualTo(200);
            assertThat(child.logText()).contains("Disk space is back; work resumes");
        } finally {
            if (child != null) {
                child.kill();
            }
            unmount(mount);
        }
    }

    /** The input untouched in its inbox; no error record, no output, no staging file, no job directory left. */
    private static void assertNothingLostOrHalfWritten(DataDir data, byte[] original) {
        assertThat(data.inbox("big").resolve("big.jpg")).hasBinaryContent(original);
        assertThat(DataDir.names(data.failed("big"))).isEmpty();
        assertThat(DataDir.names(data.archive("big"))).isEmpty();
        assertThat(DataDir.names(data.outbox("big"))).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> data.workLeftovers().stream().noneMatch(name -> !name.endsWith(".lock")));
    }

    /** Grows {@code filler} until the file system has about {@code free} bytes left. */
    private static void fillUntilFree(Path filler, long free) throws IOException {
        long usable = Files.getFileStore(filler.getParent()).getUsableSpace();
        long toWrite = Math.max(0, usable - free);
        byte[] block = new byte[(int) (64 * KIB)];
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            for (long written = 0; written < toWrite; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, toWrite - written));
            }
        }
    }

    /** A 20 MB tmpfs on {@code dir}; the test is skipped, saying why, only when this machine cannot mount one. */
    private static void mountTmpfs(Path dir) throws Exception {
        Run run = run(List.of("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", dir.toString()));
        Assumptions.assumeTrue(run.status() == 0,
                () -> "This machine cannot mount a small file system for the data directory (mount needs root): "
                        + run.output());
    }

    private static void unmount(Path dir) throws Exception {
        Run run = run(List.of("umount", dir.toString()));
        assertThat(run.status()).as("umount %s: %s", dir, run.output()).isZero();
    }

    private record Run(int status, String output) {
    }

    private static Run run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return new Run(-1, "timed out");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
