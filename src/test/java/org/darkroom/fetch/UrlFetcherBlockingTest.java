package org.darkroom.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.darkroom.flow.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * What fetching refuses, and that a refusal happens before any connection: nothing here may send a packet
 * anywhere but loopback, and refused loopback servers must see no connection at all.
 */
class UrlFetcherBlockingTest extends FetchTestSupport {

    private static final List<String> INTERNAL_HOSTS = List.of("127.0.0.1", "[::1]", "169.254.169.254",
            "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0.0.0.0", "[::ffff:127.0.0.1]", "[::]",
            "127.0.0.1.", "10.0.0.1", "[fd00:ec2::254]", "100.64.0.1", "[fe80::1]");

    @Test
    void default_settings_refuse_internal_addresses_whatever_the_scheme() {
        FetchSettings defaults = FetchSettings.defaults(1 << 20);
        UrlFetcher fetcher = fetcher(defaults, HostResolver.SYSTEM);
        for (String host : INTERNAL_HOSTS) {
            for (String scheme : List.of("http", "https")) {
                String url = scheme + "://" + host + "/";
                refusedBeforeConnecting(defaults, url);
                assertThat(code(() -> fetcher.fetch(url, target()))).as(url).isEqualTo(ErrorCode.FETCH_BLOCKED);
            }
        }
    }

    @Test
    void with_http_allowed_internal_addresses_are_still_refused_and_no_connection_is_made() throws Exception {
        TestServers.Counter local = servers.counter();
        RecordingResolver resolver = new RecordingResolver(Map.of("localhost", "127.0.0.1"));
        UrlFetcher fetcher = fetcher(httpButPublicOnly(), resolver);
        for (String host : INTERNAL_HOSTS) {
            refusedBeforeConnecting(httpButPublicOnly(), "http://" + host + ":" + local.port() + "/");
        }
        for (String host : concat(INTERNAL_HOSTS, "localhost", "LOCALHOST.")) {
            String url = "http://" + host + ":" + local.port() + "/";
            var e = refusal(() -> fetcher.fetch(url, target()));
            assertThat(e.code()).as(url).isEqualTo(ErrorCode.FETCH_BLOCKED);
        }
        assertThat(local.accepted()).hasValue(0);
        // Literals never reach the resolver; the name is resolved and refused when connecting.
        assertThat(resolver.asked).containsOnly("localhost");
    }

    @Test
    void a_name_resolving_to_a_private_address_is_refused_without_connecting() throws Exception {
        RecordingResolver resolver = new RecordingResolver(Map.of("internal.test", "10.0.0.1"));
        FetchSettings settings = httpButPublicOnly();
        // Precondition, so that a broken guard fails here instead of sending a packet to 10.0.0.1.
        assertThatThrownBy(() -> new GuardedDnsResolver(settings, resolver).resolve("internal.test"))
                .isInstanceOf(GuardedDnsResolver.AddressBlockedException.class);
        resolver.asked.clear();

        var e = refusal(() -> fetcher(settings, resolver).fetch("http://internal.test:8080/a.png", target()));
        assertThat(e.code()).isEqualTo(ErrorCode.FETCH_BLOCKED);
        assertThat(e.publicMessage()).contains("internal.test").doesNotContain("10.0.0.1");
        assertThat(resolver.asked).containsExactly("internal.test");
    }

    @Test
    void a_redirect_from_an_allowed_host_to_an_internal_one_is_refused_and_never_reaches_it() throws Exception {
        TestServers.Counter inside = servers.counter();
        String[] location = new String[1];
        AtomicInteger first = new AtomicInteger();
        HttpServer allowed = servers.http(ex -> {
            first.incrementAndGet();
            redirect(ex, 302, location[0]);
        });
        RecordingResolver resolver = new RecordingResolver(Map.of("allowed.test", "127.0.0.1",
                "rebind.test", "127.0.0.1"));
        // Only allowed.test may resolve to loopback; any other name or literal is checked as usual.
        FetchSettings settings = httpButPublicOnly().withPrivateHostsAllowed(List.of("allowed.test"));
        UrlFetcher fetcher = fetcher(settings, resolver);
        String start = "http://allowed.test:" + allowed.getAddress().getPort() + "/a.png";

        for (String target : List.of("http://127.0.0.1:%d/", "http://rebind.test:%d/", "http://2130706433:%d/",
                "http://[::ffff:7f00:1]:%d/", "//rebind.test:%d/x", "ftp://rebind.test:%d/")) {
            location[0] = target.formatted(inside.port());
            var e = refusal(() -> fetcher.fetch(start, target()));
            assertThat(e.code()).as(location[0]).isEqualTo(ErrorCode.FETCH_BLOCKED);
            assertThat(e.publicMessage()).doesNotContain("127.0.0.1").doesNotContain("rebind.test");
        }
        assertThat(first).hasValue(6);
        assertThat(inside.accepted()).hasValue(0);
        // The name was refused by the check at connect time, not before.
        assertThat(resolver.asked).contains("rebind.test");
    }

    @Test
    void only_http_and_https_urls_are_fetched() {
        UrlFetcher fetcher = fetcher(httpButPublicOnly(), new RecordingResolver(Map.of()));
        for (String url : List.of("ftp://example.com/a.png", "file:///etc/passwd", "file:/etc/passwd",
                "gopher://example.com/", "jar:file:/x.jar!/a.png", "data:image/png;base64,iVBORw0KGgo=",
                "javascript:alert(1)", "//example.com/a.png", "example.com/a.png", "", "  ", "http:/a.png",
                "http:///a.png")) {
            assertThat(code(() -> fetcher.fetch(url, target()))).as(url).isEqualTo(ErrorCode.FETCH_BLOCKED);
        }
        assertThat(code(() -> fetcher.fetch(null, target()))).isEqualTo(ErrorCode.FETCH_BLOCKED);
        UrlFetcher httpsOnly = fetcher(FetchSettings.defaults(1000), new RecordingResolver(Map.of()));
        assertThat(code(() -> httpsOnly.fetch("http://example.com/a.png", target()))).isEqualTo(ErrorCode.FETCH_BLOCKED);
    }

    @Test
    void urls_with_user_info_or_placeholders_are_refused() {
        RecordingResolver resolver = new RecordingResolver(Map.of());
        UrlFetcher fetcher = fetcher(loopback(1000), resolver);
        for (String url : List.of("https://a@example.com/", "https://a:b@example.com/x.png",
                "http://example.com@127.0.0.1/", "https://example.com/{{env:HOME}}", "https://example.com/?q={{x}}",
                "https://exa mple.com/", "https://a_b.example.com/", "https://example.com:99999/")) {
            assertThat(code(() -> fetcher.fetch(url, target()))).as(url).isEqualTo(ErrorCode.FETCH_BLOCKED);
        }
        assertThat(resolver.asked).isEmpty();
    }

    @Test
    void host_lists_allow_exact_names_and_subdomains_and_deny_before_any_lookup() throws Exception {
        byte[] png = TestServers.png();
        HttpServer server = servers.http(ex -> respond(ex, 200, png, "image/png"));
        int port = server.getAddress().getPort();
        RecordingResolver resolver = new RecordingResolver(Map.of("img.example.test", "127.0.0.1",
                "bad.example.test", "127.0.0.1", "example.test", "127.0.0.1", "other.test", "127.0.0.1"));
        FetchSettings settings = new FetchSettings(true, List.of("*.example.test"), List.of("bad.example.test"),
                true, 3, Duration.ofSeconds(2), Duration.ofSeconds(2), 1 << 20);
        UrlFetcher fetcher = fetcher(settings, resolver);

        assertThat(fetcher.fetch("http://IMG.example.test:" + port + "/a.png", target()).bytes()).isEqualTo(png.length);
        for (String host : List.of("bad.example.test", "example.test", "other.test", "evilexample.test")) {
            assertThat(code(() -> fetcher.fetch("http://" + host + ":" + port + "/a.png", target())))
                    .as(host).isEqualTo(ErrorCode.FETCH_BLOCKED);
        }
        assertThat(resolver.asked).containsExactly("img.example.test");

        FetchSettings exact = new FetchSettings(true, List.of("example.test"), List.of(), true, 3,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 1 << 20);
        assertThat(code(() -> fetcher(exact, resolver).fetch("http://img.example.test:" + port + "/", target())))
                .isEqualTo(ErrorCode.FETCH_BLOCKED);
    }

    /** Literals must be refused by the URL check itself, so a broken guard can never send them a packet. */
    private static void refusedBeforeConnecting(FetchSettings settings, String url) {
        assertThat(code(() -> new UrlPolicy(settings).check(url))).as(url).isEqualTo(ErrorCode.FETCH_BLOCKED);
    }

    private static List<String> concat(List<String> list, String... more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
