package org.darkroom.http;

import io.vertx.core.http.HttpServerRequest;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals the server makes itself, below the router (a request it could not parse, one connection too many): each
 * answered with problem JSON, logged and counted like every other answer, and its connection closed.
 */
final class DoorAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(DoorAnswers.class);
    private static final String DOOR = "http";

    private final DarkroomMetrics metrics;
    private final int retryAfterSeconds;

    DoorAnswers(DarkroomMetrics metrics, int retryAfterSeconds) {
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    void refuse(HttpServerRequest request, int status, DarkroomException error) {
        long started = System.nanoTime();
        String path = request.decoderResult().isSuccess() ? request.path() : null;
        var response = request.response().setStatusCode(status).putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader("Connection", "close");
        if (error.code() == ErrorCode.BUSY) {
            response.putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        response.end(HttpDoor.json(Problems.body(error, path, status))).onComplete(sent -> request.connection().close());
        long nanos = System.nanoTime() - started;
        metrics.request(DOOR, "-", error.code().code(), nanos);
        LOG.info("http flow=- status={} ms={} code={} detail={}", status, nanos / 1_000_000, error.code().code(),
                LogText.of(error.detail()));
    }
}
