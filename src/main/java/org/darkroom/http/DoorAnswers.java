package org.darkroom.http;

import io.vertx.core.http.HttpServerRequest;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.ErrorCode;

/**
 * Refusals the server makes itself, below the router (a request it could not parse, one connection too many): each
 * answered with problem JSON, logged and counted like every other answer, and its connection closed.
 */
final class DoorAnswers {

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
        response.end(HttpDoor.json(Problems.body(error, path, status, null))).onComplete(sent -> request.connection().close());
        EarlyRefusals.account(metrics, null, error, System.nanoTime() - started);
    }
}
