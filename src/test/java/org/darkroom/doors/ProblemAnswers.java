package org.darkroom.doors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.darkroom.flow.ErrorCode;
import org.darkroom.testing.HttpClientSupport;

/** How an HTTP answer renders a refusal: its status, problem JSON with the code and a sentence, and its headers. */
final class ProblemAnswers {
    /** The status each code is answered with: part of the HTTP door's public contract (README, OpenAPI). */
    private static final Map<ErrorCode, Integer> STATUS = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorCode.EMPTY_INPUT, 400), Map.entry(ErrorCode.BAD_PARAMETER, 400),
            Map.entry(ErrorCode.NOT_A_FILE, 400), Map.entry(ErrorCode.BAD_NAME, 400),
            Map.entry(ErrorCode.UNAUTHORIZED, 401),
            Map.entry(ErrorCode.FETCH_BLOCKED, 403), Map.entry(ErrorCode.PATH_DENIED, 403),
            Map.entry(ErrorCode.UNKNOWN_FLOW, 404), Map.entry(ErrorCode.NOT_FOUND, 404),
            Map.entry(ErrorCode.METHOD_NOT_ALLOWED, 405),
            Map.entry(ErrorCode.TOO_LARGE, 413),
            Map.entry(ErrorCode.UNSUPPORTED_TYPE, 415), Map.entry(ErrorCode.TYPE_MISMATCH, 415),
            Map.entry(ErrorCode.UNDECODABLE, 422), Map.entry(ErrorCode.POLICY_DENIED, 422),
            Map.entry(ErrorCode.TOO_MANY_PIXELS, 422), Map.entry(ErrorCode.TOO_MANY_FRAMES, 422),
            Map.entry(ErrorCode.PROCESSING_FAILED, 422), Map.entry(ErrorCode.UNSUPPORTED, 422),
            Map.entry(ErrorCode.BUSY, 429),
            Map.entry(ErrorCode.INTERNAL, 500),
            Map.entry(ErrorCode.FETCH_FAILED, 502),
            Map.entry(ErrorCode.NOT_READY, 503), Map.entry(ErrorCode.MODEL_MISSING, 503),
            Map.entry(ErrorCode.TIMEOUT, 504)));

    private ProblemAnswers() {
    }

    /** Asserts the answer is {@code code}'s problem and returns its sentence. */
    static String assertProblem(HttpResponse<byte[]> response, ErrorCode code, Leaks leaks) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int status = STATUS.get(code);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = HttpClientSupport.json(response);
        assertThat(problem.at("/code").asText()).isEqualTo(code.code());
        assertThat(problem.at("/status").asInt()).isEqualTo(status);
        boolean retry = code == ErrorCode.BUSY || code == ErrorCode.NOT_READY;
        assertThat(response.headers().firstValue("Retry-After").isPresent()).as("Retry-After").isEqualTo(retry);
        if (code == ErrorCode.UNAUTHORIZED) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        leaks.assertNoneIn(body);
        response.headers().map().forEach((name, values) -> values.forEach(leaks::assertNoneIn));
        return problem.at("/detail").asText();
    }
}
