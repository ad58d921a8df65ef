package org.darkroom.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.darkroom.flow.ErrorCode;
import org.junit.jupiter.api.Test;

/** Limits enforced while fetching: read timeouts, and the byte cap counted as bytes arrive, never drained. */
class UrlFetcherLimitsTest extends FetchTestSupport {

    @Test
    void a_server_that_does_not_answer_is_a_timeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = servers.http(ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, new byte[] {1}, null);
        });
        FetchSettings settings = new FetchSettings(true, List.of(), List.of(), true, 3, Duration.ofSeconds(2),
                Duration.ofMillis(300), 1 << 20);
        long start = System.nanoTime();
        try {
            assertThat(code(() -> fetcher(settings, HostResolver.SYSTEM).fetch(url(server, "/slow"), target())))
                    .isEqualTo(ErrorCode.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_declared_length_over_the_cap_is_refused_before_reading() throws Exception {
        HttpServer server = servers.http(ex -> {
            ex.sendResponseHeaders(200, 50_000_000);
            writeForever(ex);
        });
        assertThat(code(() -> fetcher(loopback(1000), HostResolver.SYSTEM).fetch(url(server, "/big"), target())))
                .isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(target()).doesNotExist();
    }

    @Test
    void a_body_of_exactly_the_cap_is_accepted_and_one_byte_more_is_not() throws Exception {
        HttpServer server = servers.http(ex -> {
            ex.sendResponseHeaders(200, 0);   // chunked: no length to trust or refuse early
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[ex.getRequestURI().getPath().equals("/exact") ? 5000 : 5001]);
            }
        });
        UrlFetcher fetcher = fetcher(loopback(5000), HostResolver.SYSTEM);
        assertThat(fetcher.fetch(url(server, "/exact"), target()).bytes()).isEqualTo(5000);
        assertThat(code(() -> fetcher.fetch(url(server, "/over"), target()))).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(target()).doesNotExist();
    }

    @Test
    void an_endless_chunked_body_is_cut_off_quickly_over_http() throws Exception {
        endlessBodyIsCutOff(servers.http(endless()), null, "http");
    }

    @Test
    void an_endless_chunked_body_is_cut_off_quickly_over_https() throws Exception {
        TestServers.Tls tls = TestServers.Tls.create(work);
        endlessBodyIsCutOff(servers.https(endless(), tls), tls, "https");
    }

    private CountDownLatch serverSawAbort = new CountDownLatch(1);

    private HttpHandler endless() {
        return ex -> {
            ex.sendResponseHeaders(200, 0);
            writeForever(ex);
            serverSawAbort.countDown();
        };
    }

    private void endlessBodyIsCutOff(HttpServer server, TestServers.Tls tls, String scheme) {
        String url = scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/endless";
        UrlFetcher fetcher = new UrlFetcher(camel, loopback(100_000), HostResolver.SYSTEM, tls == null ? null : tls.client());
        long start = System.nanoTime();
        // Preemptive: a fetcher that drained the body would never return.
        ErrorCode code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> code(() -> fetcher.fetch(url, target())));
        assertThat(code).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(!Files.exists(target()) || sizeOf() <= 100_000).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> serverSawAbort.await(),
                "the server's writes fail once the connection is dropped");
    }

    private long sizeOf() {
        try {
            return Files.size(target());
        } catch (IOException e) {
            return 0;
        }
    }

    private static void writeForever(HttpExchange ex) {
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = ex.getResponseBody()) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException expected) {
            // The client went away, as it should.
        }
    }
}
