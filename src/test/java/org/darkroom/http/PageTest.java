package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page at {@code /} and Swagger UI at {@code /docs/} over plain HTTP: served without a key (they hold no data,
 * the API behind them still needs one), with a Content-Security-Policy that allows no inline script and
 * {@code nosniff}, Swagger UI from its webjar with Darkroom's own start-up, and no file outside their folders
 * reachable by any spelling of {@code ..}. {@code BrowserPageTest} drives the same page in Chromium.
 */
class PageTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of("darkroom.http.api-keys", "page-key"));
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void the_page_is_served_without_a_key_under_a_policy_that_allows_no_inline_script() {
        HttpResponse<byte[]> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'self';").contains("img-src 'self' blob: data:")
                .doesNotContain("unsafe", "script-src", "style-src");
        assertEveryScriptIsAFile(text(page));
        assertThat(get("/page/darkroom.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(get("/page/darkroom.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        // The data behind it is not: the page's calls need the key.
        assertThat(get("/v1/flows").statusCode()).isEqualTo(401);
        assertThat(get("/v1/inboxes").statusCode()).isEqualTo(401);
    }

    @Test
    void swagger_ui_comes_from_the_webjar_and_starts_on_this_servers_document() {
        HttpResponse<byte[]> index = get("/docs/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(text(index)).contains("<title>Darkroom API</title>");
        assertEveryScriptIsAFile(text(index));
        String policy = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'self';").doesNotContain("unsafe", "script-src", "style-src");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        String initializer = text(get("/docs/swagger-initializer.js"));
        assertThat(initializer).contains("../openapi.json").doesNotContain("petstore");
        HttpResponse<byte[]> bundle = get("/docs/swagger-ui-bundle.js");
        assertThat(bundle.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(bundle.body().length).isGreaterThan(1_000_000);
        assertThat(get("/docs/swagger-ui.css").headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(get("/docs/favicon-32x32.png").headers().firstValue("Content-Type")).hasValue("image/png");

        HttpResponse<byte[]> bare = get("/docs");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("docs/");
    }

    @Test
    void an_unchanged_file_is_not_sent_again() {
        String etag = get("/docs/swagger-ui.css").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = http.send(http.request("/docs/swagger-ui.css").header("If-None-Match", etag)
                .GET().build());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void no_spelling_of_dot_dot_reaches_a_file_outside_the_served_folders() throws IOException {
        List<String> targets = List.of(
                "/docs/../application.properties",
                "/docs/..%2fapplication.properties",
                "/docs/..%2Fapplication.properties",
                "/docs/%2e%2e%2fapplication.properties",
                "/docs/%2e%2e/%2e%2e/application.properties",
                "/docs/..%5capplication.properties",
                "/docs/..\\application.properties",
                "/docs/%252e%252e%252fapplication.properties",
                "/docs/%c0%ae%c0%ae%2fapplication.properties",
                "/docs/....%2f%2fapplication.properties",
                "/docs/..;/application.properties",
                "/docs/..%00/application.properties",
                "/docs/..%2f..%2fMETA-INF%2fMANIFEST.MF",
                "/docs/..%2fstatic%2fpage%2findex.html",
                "/page/..%2f..%2fapplication.properties",
                "/page/%2e%2e%2f%2e%2e%2forg%2fdarkroom%2fDarkroom.class",
                "/page/..%2f..%2forg%2fdarkroom%2fDarkroom.class",
                "/page//etc/passwd",
                "/page/%2fetc%2fpasswd",
                // Names in a served folder's parent, or of a type never served.
                "/docs/application.properties",
                "/page/usage.txt",
                "/docs/pom.properties",
                "/docs/.hidden.js");
        for (String target : targets) {
            String answer = rawGet(target);

            assertThat(answer).as(target).matches("(?s)HTTP/1\\.1 (400|404) .*")
                    .doesNotContain("darkroom.http", "Manifest-Version", "root:", "Darkroom is an", "usage:");
        }
    }

    @Test
    void other_methods_on_the_page_are_refused_with_the_one_it_takes() {
        HttpResponse<byte[]> post = http.send(http.request("/").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    private static void assertEveryScriptIsAFile(String html) {
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("src=");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(count).isPositive();
        assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+=");
    }

    private HttpResponse<byte[]> get(String path) {
        return http.send(http.request(path).GET().build());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The request line exactly as written: Java's client would refuse or rewrite some of these targets. */
    private static String rawGet(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SERVICE.darkroom().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
