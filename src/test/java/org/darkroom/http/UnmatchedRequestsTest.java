package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A path nobody serves and a method a path does not take are problems too, and a 405 says what the path takes. */
class UnmatchedRequestsTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    private final HttpClientSupport http = SERVICE.http();

    @ParameterizedTest
    @CsvSource({
            "GET,    /nope,                 404, not_found,",
            "GET,    /observe,              404, not_found,",
            "GET,    /observe/nope,         404, not_found,",
            "GET,    /v1/flows/thumbnail/x, 404, not_found,",
            "POST,   /v1/flows/sharpen-all, 404, unknown_flow,",
            "PUT,    /v1/flows/thumbnail,   405, method_not_allowed, 'GET, POST'",
            "DELETE, /v1/flows/thumbnail/,  405, method_not_allowed, 'GET, POST'",
            "GET,    /v1/flows/thumbnail,   401, unauthorized,",
            "GET,    /mcp,                  405, method_not_allowed, POST",
            "POST,   /openapi.json,         405, method_not_allowed, GET",
            "DELETE, /v1/flows,             405, method_not_allowed, GET",
            "POST,   /observe/health,       405, method_not_allowed, GET",
            "PUT,    /observe/health/ready, 405, method_not_allowed, GET",
            "POST,   /observe/metrics,      405, method_not_allowed, GET",
    })
    void every_refusal_is_problem_json_with_a_stable_code(String method, String path, int status, String code,
                                                         String allow) {
        HttpResponse<byte[]> response = http.send(http.request(path)
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "image/png")
                .build());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo(code);
        assertThat(HttpClientSupport.json(response).at("/status").asInt()).isEqualTo(status);
        if (allow == null) {
            assertThat(response.headers().firstValue("Allow")).isEmpty();
        } else {
            assertThat(response.headers().firstValue("Allow")).hasValue(allow);
        }
    }
}
