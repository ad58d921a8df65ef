package org.darkroom.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.darkroom.flow.ErrorCode;
import org.junit.jupiter.api.Test;

/** Fetching through camel-http against real loopback servers: bodies, requests, TLS, statuses, redirects. */
class UrlFetcherTest extends FetchTestSupport {

    @Test
    void fetches_a_png_over_http_when_http_and_loopback_are_allowed() throws Exception {
        byte[] png = TestServers.png();
        List<HttpExchange> seen = new CopyOnWriteArrayList<>();
        HttpServer server = servers.http(ex -> {
            seen.add(ex);
            respond(ex, 200, png, "image/png");
        });
        String url = url(server, "/dir/a%20b.png?v=1&q=%2F%7B%7B#fragment");
        Fetched fetched = fetcher(loopback(1 << 20), HostResolver.SYSTEM).fetch(url, target());
        assertThat(fetched.bytes()).isEqualTo(png.length);
        assertThat(fetched.contentType()).isEqualTo("image/png");
        assertThat(fetched.finalUrl()).isEqualTo(url(server, "/dir/a%20b.png?v=1&q=%2F%7B%7B"));
        assertThat(Files.readAllBytes(target())).isEqualTo(png);

        HttpExchange request = seen.get(0);
        assertThat(request.getRequestMethod()).isEqualTo("GET");
        assertThat(request.getRequestURI().getRawPath()).isEqualTo("/dir/a%20b.png");
        assertThat(request.getRequestURI().getRawQuery()).isEqualTo("v=1&q=%2F%7B%7B");
        assertThat(request.getRequestHeaders().getFirst("User-Agent")).isEqualTo("Darkroom");
        // Nothing from the exchange leaks into the request, and nothing invites a compressed body.
        assertThat(request.getRequestHeaders().keySet()).noneMatch(h -> h.toLowerCase().startsWith("camel"))
                .noneMatch(h -> h.equalsIgnoreCase("Accept-Encoding")).noneMatch(h -> h.equalsIgnoreCase("Cookie"));
    }

    @Test
    void a_compressed_body_is_stored_as_sent_never_inflated() throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(gzipped)) {
            gz.write(new byte[1_000_000]);   // a small bomb: 1 MB of zeros in about 1 kB
        }
        HttpServer server = servers.http(ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            respond(ex, 200, gzipped.toByteArray(), "image/png");
        });
        Fetched fetched = fetcher(loopback(10_000), HostResolver.SYSTEM).fetch(url(server, "/z"), target());
        assertThat(Files.readAllBytes(target())).isEqualTo(gzipped.toByteArray());
        assertThat(fetched.bytes()).isEqualTo(gzipped.size());
    }

    @Test
    void fetches_over_https_trusting_the_test_certificate_and_only_with_it() throws Exception {
        byte[] png = TestServers.png();
        TestServers.Tls tls = TestServers.Tls.create(work);
        HttpServer server = servers.https(ex -> respond(ex, 200, png, "image/png"), tls);
        String url = "https://localhost:" + server.getAddress().getPort() + "/a.png";
        RecordingResolver resolver = new RecordingResolver(Map.of("localhost", "127.0.0.1"));

        Fetched fetched = new UrlFetcher(camel, loopback(1 << 20), resolver, tls.client()).fetch(url, target());
        assertThat(fetched.bytes()).isEqualTo(png.length);
        assertThat(Files.readAllBytes(target())).isEqualTo(png);

        // The JVM's default trust does not know the test certificate.
        assertThat(code(() -> fetcher(loopback(1 << 20), resolver).fetch(url, target())))
                .isEqualTo(ErrorCode.FETCH_FAILED);
    }

    @Test
    void a_non_2xx_status_is_fetch_failed_and_names_the_status() throws Exception {
        HttpServer server = servers.http(ex -> respond(ex, 404, "gone".getBytes(), "text/plain"));
        var e = refusal(() -> fetcher(loopback(1 << 20), HostResolver.SYSTEM).fetch(url(server, "/x"), target()));
        assertThat(e.code()).isEqualTo(ErrorCode.FETCH_FAILED);
        assertThat(e.publicMessage()).contains("404");
        assertThat(target()).doesNotExist();
    }

    @Test
    void follows_a_few_redirects_and_refuses_one_more() throws Exception {
        byte[] png = TestServers.png();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = servers.http(ex -> {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            int n = Integer.parseInt(path.substring(2));
            if (path.startsWith("/r") && n > 0) {
                redirect(ex, List.of(301, 302, 303, 307, 308).get(n % 5), "/r" + (n - 1));
            } else {
                respond(ex, 200, png, "image/png");
            }
        });
        UrlFetcher fetcher = fetcher(loopback(1 << 20), HostResolver.SYSTEM);

        assertThat(fetcher.fetch(url(server, "/r3"), target()).finalUrl()).isEqualTo(url(server, "/r0"));
        assertThat(requests).hasValue(4);

        requests.set(0);
        var e = refusal(() -> fetcher.fetch(url(server, "/r4"), target()));
        assertThat(e.code()).isEqualTo(ErrorCode.FETCH_FAILED);
        assertThat(e.publicMessage()).contains("redirected too many times");
        assertThat(requests).as("the first request and three redirects").hasValue(4);
    }
}
