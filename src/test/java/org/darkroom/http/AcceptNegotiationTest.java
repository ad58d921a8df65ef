package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code format=auto} follows {@code Accept} like an image service: AVIF, then WebP, else the input's own type. */
class AcceptNegotiationTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void auto_picks_avif_then_webp_from_accept_and_says_it_varies() throws Exception {
        String browser = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
        HttpResponse<byte[]> avif = thumbnail("plain.jpg", browser);
        assertThat(avif.headers().firstValue("Content-Type")).hasValue("image/avif");
        assertThat(avif.headers().firstValue("Vary")).hasValue("Accept");
        assertThat(record(avif)).contains("\"format\":\"avif\"");

        assertThat(thumbnail("plain.jpg", "image/webp,*/*").headers().firstValue("Content-Type")).hasValue("image/webp");
        assertThat(thumbnail("plain.jpg", "image/avif;q=0, image/webp").headers().firstValue("Content-Type"))
                .hasValue("image/webp");
        // An animation stays animated: WebP can hold its frames, AVIF here cannot.
        assertThat(thumbnail("animated.gif", browser).headers().firstValue("Content-Type")).hasValue("image/webp");
        // Nothing named: auto keeps the input's type; "*/*" names nothing.
        HttpResponse<byte[]> plain = thumbnail("plain.jpg", "*/*");
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(plain.headers().firstValue("Vary")).hasValue("Accept");
    }

    @Test
    void an_explicit_format_is_never_second_guessed() throws Exception {
        HttpResponse<byte[]> png = http.send(http.request("/v1/flows/thumbnail?format=png")
                .header("Content-Type", "image/jpeg").header("Accept", "image/avif,image/webp")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Samples.get("plain.jpg")))).build());
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.headers().firstValue("Vary")).isEmpty();
    }

    private HttpResponse<byte[]> thumbnail(String sample, String accept) throws Exception {
        HttpResponse<byte[]> response = http.send(http.request("/v1/flows/thumbnail?width=64&height=64")
                .header("Content-Type", "application/octet-stream").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Samples.get(sample)))).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String record(HttpResponse<byte[]> response) {
        return response.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow();
    }
}
