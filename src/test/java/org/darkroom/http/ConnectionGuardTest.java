package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that send nothing, too slowly or too many cannot take the server away from everyone else: idle ones
 * are closed after their timeout, one past the limit is answered {@code 503 busy} at once, and time spent on a
 * request never counts as idle.
 */
class ConnectionGuardTest {
    private static final int LIMIT = 50;
    private static final long HEAD_TIMEOUT_MS = 1500;
    private static final long IDLE_TIMEOUT_MS = 2000;

    @TempDir
    Path dir;
    private RunningDarkroom darkroom;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        darkroom = RunningDarkroom.start(dir.resolve("data"), Map.of("darkroom.http.max-connections",
                String.valueOf(LIMIT), "darkroom.http.head-timeout-ms", String.valueOf(HEAD_TIMEOUT_MS),
                "darkroom.http.idle-timeout-ms", String.valueOf(IDLE_TIMEOUT_MS)));
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        darkroom.close();
    }

    @Test
    void idle_connections_past_the_limit_get_a_quick_busy_answer_and_all_are_closed_after_their_timeout()
            throws Exception {
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            idle.add(open());
        }
        long asked = System.nanoTime();
        String health = exchange(open(), "GET /observe/health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));
        assertThat(health).startsWith("HTTP/1.1 503").contains("Retry-After: 1")
                .contains("application/problem+json").contains("\"code\":\"busy\"");

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> idle.stream().allMatch(ConnectionGuardTest::closedByServer));
        assertThat(exchange(open(), "GET /observe/health HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void a_head_sent_too_slowly_is_cut_and_a_kept_alive_connection_is_closed_once_idle() throws Exception {
        Socket slow = open();
        OutputStream out = slow.getOutputStream();
        long started = System.nanoTime();
        byte[] head = "GET /observe/health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        boolean cut = false;
        for (int i = 0; i < head.length - 2 && !cut; i++) {
            try {
                out.write(head[i]);
                out.flush();
            } catch (IOException e) {
                cut = true;
            }
            cut = cut || closedByServer(slow);
            Awaitility.await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        }
        assertThat(cut).as("cut while still sending its head").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(HEAD_TIMEOUT_MS + 2000));

        Socket kept = open();
        assertThat(exchange(kept, "GET /observe/health HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
        assertThat(closedByServer(kept)).isFalse();
        Awaitility.await().atLeast(Duration.ofMillis(IDLE_TIMEOUT_MS - 500)).atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(100)).until(() -> closedByServer(kept));
    }

    @Test
    void time_spent_on_a_request_never_counts_as_idle() throws Exception {
        byte[] image = Files.readAllBytes(Samples.get("plain.jpg"));
        Socket socket = open();
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/flows/info HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: "
                + image.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        // The body trickles in over twice the idle timeout, never stalling for the body's own timeout.
        int pieces = 12;
        int size = image.length / pieces + 1;
        for (int i = 0; i < image.length; i += size) {
            out.write(image, i, Math.min(size, image.length - i));
            out.flush();
            Awaitility.await().pollDelay(Duration.ofMillis(400)).until(() -> true);
        }
        assertThat(read(socket)).startsWith("HTTP/1.1 200").contains("\"width\":640");
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", darkroom.port());
        socket.setSoTimeout(5000);
        sockets.add(socket);
        return socket;
    }

    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return read(socket);
    }

    /** What the server has answered so far, waiting for the first bytes. */
    private static String read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        int n = in.read(buffer);
        StringBuilder text = new StringBuilder(n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8));
        socket.setSoTimeout(300);
        try {
            for (int more; (more = in.read(buffer)) > 0; ) {
                text.append(new String(buffer, 0, more, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            // the whole answer is in
        } finally {
            socket.setSoTimeout(5000);
        }
        return text.toString();
    }

    /** Whether the server has closed the connection: a read sees its end rather than waiting. */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(10);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(5000);
            } catch (IOException ignored) {
                // closed
            }
        }
    }
}
