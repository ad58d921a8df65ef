package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job record in {@code X-Darkroom-Result} survives any file name: plain ASCII that decodes to the original. */
class ResultHeaderTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void a_name_beyond_ascii_comes_back_exactly() throws Exception {
        HttpResponse<byte[]> response = http.postMultipart("/v1/flows/thumbnail", Samples.get("plain.jpg"),
                "caf\u00e9 \u2615.jpg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(recordedName(response)).isEqualTo("caf\u00e9 \u2615.jpg");
    }

    @Test
    void a_name_with_a_line_break_comes_back_exactly_and_breaks_no_header() throws Exception {
        // RFC 5987's form is how a client can put any character, CR and LF included, into an upload's name.
        HttpResponse<byte[]> response = http.postMultipartAs("/v1/flows/thumbnail", Samples.get("plain.jpg"),
                "filename*=UTF-8''caf%C3%A9%20%E2%98%95%0D%0AX-Injected%20yes%0A%7F.jpg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(recordedName(response)).isEqualTo("caf\u00e9 \u2615\r\nX-Injected yes\n\u007f.jpg");
    }

    /** The input name from the record header, after checking the header is visible ASCII only. */
    private static String recordedName(HttpResponse<byte[]> response) {
        String header = response.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow();
        assertThat(header.chars()).as(header).allMatch(c -> c >= 0x20 && c < 0x7f);
        return HttpClientSupport.json(header).at("/input/name").asText();
    }
}
