package org.darkroom.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/** Maps each error code to its HTTP status once, and renders RFC 9457 problem details. */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case BAD_PARAMETER, EMPTY_INPUT, NOT_A_FILE, BAD_NAME -> 400;
            case UNAUTHORIZED -> 401;
            case FETCH_BLOCKED, PATH_DENIED -> 403;
            case UNKNOWN_FLOW, NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE, TYPE_MISMATCH -> 415;
            case UNDECODABLE, POLICY_DENIED, TOO_MANY_PIXELS, TOO_MANY_FRAMES, PROCESSING_FAILED, UNSUPPORTED -> 422;
            case BUSY -> 429;
            case INTERNAL -> 500;
            case FETCH_FAILED -> 502;
            case NOT_READY, MODEL_MISSING -> 503;
            case TIMEOUT -> 504;
        };
    }

    static Map<String, Object> body(DarkroomException error, String instance, String requestId) {
        return body(error, instance, status(error.code()), requestId);
    }

    /**
     * The problem with a status other than its code's usual one (a stalled body is 408, not 504); {@code requestId}
     * (an RFC 9457 extension member, like {@code code}) is left out when the request was never read far enough to
     * have one.
     */
    static Map<String, Object> body(DarkroomException error, String instance, int status, String requestId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:darkroom:error:" + error.code().code());
        problem.put("title", error.code().code().replace('_', ' '));
        problem.put("status", status);
        problem.put("detail", error.publicMessage());
        problem.put("instance", instance);
        problem.put("code", error.code().code());
        if (requestId != null) {
            problem.put("request_id", requestId);
        }
        return problem;
    }
}
