package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack that once ran the service out of heap: many connections that each announce a large body, send megabytes
 * of it and stall. Against a service with a small heap, in its own JVM, over raw sockets on loopback.
 */
class UploadFloodTest {
    private static final int CONNECTIONS = 48;
    private static final int MAX_IN_FLIGHT = 12;
    private static final int MAX_LARGE_BODIES = 6;
    private static final long IDLE_MS = 4000;
    private static final long ANNOUNCED = 40L * 1024 * 1024;
    private static final int SENT = 6 * 1024 * 1024;

    @TempDir
    Path dir;

    /** What one flooding connection saw: its status, and how long it waited for it. */
    private record Outcome(int status, long millis, boolean admitted) {
    }

    @Test
    void stalled_uploads_are_refused_or_cut_while_health_and_small_requests_go_on() throws Exception {
        int port = HttpClientSupport.freePort();
        Path data = dir.resolve("data");
        ChildDarkroom child = ChildDarkroom.start(data, dir.resolve("darkroom.log"), Map.of(
                "darkroom.http.port", String.valueOf(port),
                "darkroom.http.max-in-flight", String.valueOf(MAX_IN_FLIGHT),
                "darkroom.http.max-large-bodies", String.valueOf(MAX_LARGE_BODIES),
                "darkroom.http.body-idle-timeout-ms", String.valueOf(IDLE_MS)), List.of("-Xmx128m"));
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            CountDownLatch settled = new CountDownLatch(CONNECTIONS);
            List<Future<Outcome>> flood = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                flood.add(pool.submit(() -> stallingUpload(port, settled)));
            }
            assertThat(settled.await(30, TimeUnit.SECONDS)).as("every connection refused or stalling").isTrue();

            // Mid-flood: the admitted bodies sit on disk in job directories, not in the heap.
            long heapDuringFlood = heapUsed(child.pid());
            HttpResponse<byte[]> health = http.send(http.request("/observe/health").GET().build());
            HttpResponse<byte[]> small = http.postRaw("/v1/flows/thumbnail?width=64&height=64",
                    Samples.get("plain.jpg"), "image/jpeg");
            // Every stalled body is on disk in full, as far as it was sent.
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> receivedBodies(data).stream()
                    .filter(body -> size(body) == SENT).count() == MAX_LARGE_BODIES);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(small.statusCode()).isEqualTo(200);

            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> each : flood) {
                outcomes.add(each.get(30, TimeUnit.SECONDS));
            }
            List<Outcome> refused = outcomes.stream().filter(o -> !o.admitted()).toList();
            List<Outcome> cut = outcomes.stream().filter(Outcome::admitted).toList();
            assertThat(cut).hasSize(MAX_LARGE_BODIES);
            assertThat(refused).hasSize(CONNECTIONS - MAX_LARGE_BODIES).allMatch(o -> o.status() == 429);
            long slowestRefusal = refused.stream().mapToLong(Outcome::millis).max().orElseThrow();
            // Measured by the client, on a shared machine: connecting 48 sockets at once is most of it.
            assertThat(slowestRefusal).as("429 before the body is read").isLessThan(5000);
            assertThat(cut).allMatch(o -> o.status() == 408);
            long slowestCut = cut.stream().mapToLong(Outcome::millis).max().orElseThrow();
            assertThat(slowestCut).isBetween(IDLE_MS - 100, IDLE_MS + 3000);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jobDirectories(data).isEmpty());
            assertThat(http.send(http.request("/observe/health").GET().build()).statusCode()).isEqualTo(200);
            assertThat(http.postRaw("/v1/flows/thumbnail?width=64&height=64", Samples.get("plain.jpg"), "image/jpeg")
                    .statusCode()).isEqualTo(200);
            assertThat(child.logText()).doesNotContain("OutOfMemoryError");
            assertThat(heapDuringFlood).as("heap in use mid-flood").isPositive().isLessThan(128L << 20);
            System.out.printf("upload flood: heap used mid-flood %d MiB of 128; slowest 429 %d ms; slowest cut %d ms"
                    + " after the last byte (idle timeout %d ms)%n", heapDuringFlood >> 20, slowestRefusal,
                    slowestCut, IDLE_MS);
        } catch (AssertionError failed) {
            throw new AssertionError(failed.getMessage() + "\nservice log:\n" + child.logText(), failed);
        } finally {
            pool.shutdownNow();
            child.stop();
        }
    }

    /**
     * Announces {@link #ANNOUNCED} bytes and asks to be told whether to send them ({@code Expect: 100-continue}); if
     * admitted, sends {@link #SENT} of them and stalls until the server answers or closes.
     */
    private static Outcome stallingUpload(int port, CountDownLatch settled) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout((int) (IDLE_MS * 4));
            out.write(("POST /v1/flows/thumbnail HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
                    + "Content-Length: " + ANNOUNCED + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long sentHeaders = System.nanoTime();
            int first = status(in);
            if (first != 100) {
                settled.countDown();
                return new Outcome(first, elapsedMillis(sentHeaders), false);
            }
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < SENT; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            long stalled = System.nanoTime();
            settled.countDown();
            return new Outcome(status(in), elapsedMillis(stalled), true);
        }
    }

    /** The status of the next response head on this connection, read whole; -1 when it is closed without one. */
    private static int status(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int c; !head.toString().endsWith("\r\n\r\n"); head.append((char) c)) {
            if ((c = in.read()) == -1) {
                return -1;
            }
        }
        return Integer.parseInt(head.substring(9, 12));
    }

    private static long elapsedMillis(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    /** Bodies being received: the body files in job directories of the work area. */
    private static List<Path> receivedBodies(Path data) throws IOException {
        return jobDirectories(data).stream().map(job -> job.resolve("body")).filter(Files::exists).toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException deletedMeanwhile) {
            return -1;
        }
    }

    /** Job directories in the service's own directory of the work area; listing tolerates ones deleted meanwhile. */
    private static List<Path> jobDirectories(Path data) throws IOException {
        List<Path> jobs = new ArrayList<>();
        try (Stream<Path> owners = Files.list(data.resolve(".work"))) {
            for (Path owner : owners.filter(Files::isDirectory).toList()) {
                try (Stream<Path> entries = Files.list(owner)) {
                    entries.filter(Files::isDirectory).filter(dir -> !dir.getFileName().toString().equals("uploads"))
                            .forEach(jobs::add);
                } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
                    // an owner that stopped
                }
            }
        }
        return jobs;
    }

    /** Heap in use by the child, in bytes, as its JVM reports it ({@code jcmd PID GC.heap_info}). */
    private static long heapUsed(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String report = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        // One line per heap generation (or one for G1): "... total 39296K, used 12345K [...]"; metaspace is not heap.
        return report.lines().filter(line -> line.contains(" total ") && !line.contains("Metaspace")
                        && !line.contains("class space"))
                .map(line -> line.replaceAll(".*used (\\d+)K.*", "$1"))
                .filter(used -> used.matches("\\d+")).mapToLong(used -> Long.parseLong(used) * 1024).sum();
    }
}
