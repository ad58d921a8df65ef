package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.darkroom.testing.Identify;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.OriginServer;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The GET form of a flow, as a CDN in front of Darkroom uses it: a signed address (no API key) runs the flow on the
 * image its url names; the answer carries a strong ETag and public caching; If-None-Match is answered 304 without
 * running the flow; unsigned, tampered and expired addresses are refused. And CORS, for pages on allowed origins.
 */
class GetFormTest {
    private static final String SIGNING_KEY = "signing-key-for-tests-0123456789abcdef";
    private static final String API_KEY = "api-key-for-get-form-tests-0123456789";
    private static final String PAGE = "https://app.example.com";
    private static OriginServer origin;
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of("darkroom.http.api-keys", API_KEY,
            "darkroom.http.signing-keys", "an-older-key-still-accepted-0123456789," + SIGNING_KEY,
            "darkroom.http.cors-origins", PAGE, "darkroom.http.cache-max-age-s", "600",
            "darkroom.fetch.allow-http", "true", "darkroom.fetch.allow-private-addresses", "true"));

    @BeforeAll
    static void startOrigin() {
        origin = OriginServer.serving(Map.of("plain.jpg", "plain.jpg", "alpha.png", "alpha.png"));
    }

    @AfterAll
    static void stopOrigin() {
        origin.close();
    }

    private static String address(String flow, String sample, String params) {
        return "/v1/flows/" + flow + "?url=" + URLEncoder.encode(origin.base() + "/" + sample, StandardCharsets.UTF_8)
                + (params.isEmpty() ? "" : "&" + params);
    }

    private static HttpResponse<byte[]> get(String target, String... headers) {
        HttpRequest.Builder request = SERVICE.http().request(target).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return SERVICE.http().send(request.build());
    }

    @Test
    void a_signed_address_answers_the_image_with_a_strong_tag_and_public_caching() throws Exception {
        String signed = SignedUrls.sign(SIGNING_KEY, address("thumbnail", "plain.jpg", "width=64&format=png"));
        HttpResponse<byte[]> first = get(signed);
        assertThat(first.statusCode()).as(new String(first.body())).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=600");
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\"");

        // The same address again: the same bytes and the same tag (a strong tag promises both).
        HttpResponse<byte[]> again = get(signed);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("ETag")).hasValue(tag);

        // Other parameters are another answer with another tag.
        HttpResponse<byte[]> wider = get(SignedUrls.sign(SIGNING_KEY, address("thumbnail", "plain.jpg",
                "width=65&format=png")));
        assertThat(wider.headers().firstValue("ETag")).isPresent().isNotEqualTo(first.headers().firstValue("ETag"));

        // The POST of the same image with the same parameters is the same image under the same tag.
        HttpResponse<byte[]> posted = SERVICE.http().send(SERVICE.http().request("/v1/flows/thumbnail?width=64&format=png")
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Samples.get("plain.jpg")))).build());
        assertThat(posted.body()).isEqualTo(first.body());
        assertThat(posted.headers().firstValue("ETag")).hasValue(tag);
        assertThat(posted.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    }

    @Test
    void if_none_match_is_answered_304_without_running_the_flow() throws Exception {
        String signed = SignedUrls.sign(SIGNING_KEY, address("resize", "alpha.png", "width=50"));
        HttpResponse<byte[]> full = get(signed);
        String tag = full.headers().firstValue("ETag").orElseThrow();
        long runsBefore = magickRuns();

        HttpResponse<byte[]> unchanged = get(signed, "If-None-Match", "\"something-else\", " + tag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(tag);
        assertThat(unchanged.headers().firstValue("Cache-Control")).hasValue("public, max-age=600");
        assertThat(magickRuns()).as("ImageMagick did not run").isEqualTo(runsBefore);
        assertThat(metric("darkroom_jobs_total{", "code=\"not_modified\"")).as("counted apart").isEqualTo(1);

        HttpResponse<byte[]> stale = get(signed, "If-None-Match", "\"an-old-tag\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(full.body());
    }

    @Test
    void unsigned_tampered_and_expired_addresses_are_refused() {
        String address = address("thumbnail", "plain.jpg", "width=64");
        assertRefused(get(address), "must be signed");
        assertRefused(get(address, "Authorization", "Bearer " + API_KEY), "must be signed");

        String signed = SignedUrls.sign(SIGNING_KEY, address);
        assertRefused(get(signed.replace("width=64", "width=640")), "does not match");
        assertRefused(get(SignedUrls.sign("a-key-darkroom-does-not-know-0123456789", address)), "does not match");
        assertRefused(get(signed + "&width=9"), "does not match");

        long past = Instant.now().getEpochSecond() - 10;
        assertRefused(get(SignedUrls.sign(SIGNING_KEY, address + "&expires=" + past)), "expired");
        long future = Instant.now().getEpochSecond() + 600;
        assertThat(get(SignedUrls.sign(SIGNING_KEY, address + "&expires=" + future)).statusCode()).isEqualTo(200);
        // The older key still signs, so keys can be rotated.
        assertThat(get(SignedUrls.sign("an-older-key-still-accepted-0123456789", address)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void pages_on_an_allowed_origin_may_call_and_read_the_headers() {
        HttpResponse<byte[]> preflight = SERVICE.http().send(SERVICE.http().request("/v1/flows/thumbnail")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", PAGE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build());
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization");

        HttpResponse<byte[]> answer = get(SignedUrls.sign(SIGNING_KEY, address("thumbnail", "plain.jpg", "")),
                "Origin", PAGE);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("X-Darkroom-Result", "ETag");

        HttpResponse<byte[]> elsewhere = get(SignedUrls.sign(SIGNING_KEY, address("thumbnail", "plain.jpg", "")),
                "Origin", "https://evil.example.net");
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void the_readmes_shell_recipe_signs_an_address_darkroom_accepts() throws Exception {
        String readme = Files.readString(Samples.projectDir().resolve("README.md"));
        int section = readme.indexOf("### The GET form");
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        String recipe = readme.substring(start, readme.indexOf("```", start))
                .replaceAll("key='[^']*'", "key='" + SIGNING_KEY + "'")
                .replace("https%3A%2F%2Fexample.com%2Fcat.jpg",
                        URLEncoder.encode(origin.base() + "/plain.jpg", StandardCharsets.UTF_8))
                .replace("127.0.0.1:8080", "127.0.0.1:" + SERVICE.darkroom().port());
        Process shell = new ProcessBuilder("bash", "-e", "-c", recipe).directory(SERVICE.dir().toFile())
                .redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as(recipe + "\n" + output).isZero();
        assertThat(Identify.of(SERVICE.dir().resolve("cat-thumb.jpg")).width()).isEqualTo(200);
    }

    @Test
    void darkroom_sign_hands_out_addresses_that_are_served_until_they_expire() {
        String full = SERVICE.http().base() + address("thumbnail", "plain.jpg", "width=32");
        String signed = SignAddress.sign(new String[] {full, "--expires-in", "600"}, null,
                "a-key-this-service-does-not-know-0123456789," + SIGNING_KEY, Instant.now());
        assertThat(signed).startsWith(SERVICE.http().base() + "/v1/flows/thumbnail?url=").contains("&expires=");
        // The first of DARKROOM_HTTP_SIGNING_KEYS signs; the service knows only the second here, so: refused.
        assertRefused(get(signed.substring(SERVICE.http().base().length())), "does not match");

        String byKey = SignAddress.sign(new String[] {full, "--expires-in", "600"}, SIGNING_KEY, null, Instant.now());
        assertThat(get(byKey.substring(SERVICE.http().base().length())).statusCode()).isEqualTo(200);
        String lapsed = SignAddress.sign(new String[] {full, "--expires-in", "600"}, SIGNING_KEY, null,
                Instant.now().minusSeconds(3600));
        assertRefused(get(lapsed.substring(SERVICE.http().base().length())), "expired");
    }

    private static void assertRefused(HttpResponse<byte[]> response, String why) {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(401);
        assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo("unauthorized");
        assertThat(HttpClientSupport.json(response).at("/detail").asText()).contains(why);
    }

    private static long magickRuns() {
        return metric("darkroom_magick_duration_seconds_count{", "");
    }

    /** The sum of the series named {@code prefix} whose labels contain {@code label}, from the metrics. */
    private static long metric(String prefix, String label) {
        String metrics = new String(get("/observe/metrics", "Authorization", "Bearer " + API_KEY).body(),
                StandardCharsets.UTF_8);
        return metrics.lines().filter(line -> line.startsWith(prefix) && line.contains(label))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
