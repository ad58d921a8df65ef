package org.darkroom.http;

import org.darkroom.door.RequestId;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Answers a request with problem JSON straight from a Vert.x handler, for refusals made before a route runs; the
 * same document {@link HttpDoor#problem} renders.
 */
final class ProblemResponses {
    /**
     * How long a refused request's unread body is read and thrown away before the connection is closed: closing
     * with unread bytes would reset the connection, and the client could lose the answer (what httpd calls a
     * lingering close). Nothing of it is kept.
     */
    static final long LINGER_MS = 2000;

    private ProblemResponses() {
    }

    /** The status a refusal is answered with. */
    static int status(DarkroomException error) {
        return error instanceof BodyReception.Stalled ? 408 : Problems.status(error.code());
    }

    /** Ends a request that no Camel route answers (refused or unmatched by the server itself) with its problem. */
    static Future<Void> send(RoutingContext routing, DarkroomException error) {
        return send(routing, error, 0);
    }

    /** Writes the problem; {@code retryAfterSeconds} is sent with {@code busy} and {@code not_ready}. */
    static Future<Void> send(RoutingContext routing, DarkroomException error, int retryAfterSeconds) {
        int status = status(error);
        var response = routing.response().setStatusCode(status).putHeader("Content-Type", Problems.MEDIA_TYPE);
        // The body gate names the request before it can refuse it; any other early answer names it here.
        String id = response.headers().get(RequestId.HEADER);
        if (id == null) {
            id = RequestId.from(routing.request().getHeader(RequestId.HEADER));
            response.putHeader(RequestId.HEADER, id);
        }
        if (error.code() == ErrorCode.BUSY || error.code() == ErrorCode.NOT_READY) {
            response.putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        if (error.code() == ErrorCode.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        return response.end(HttpDoor.json(Problems.body(error, routing.request().path(), status, id)));
    }

    /**
     * Answers a request whose body was not (or not wholly) read, then closes its connection: at once when the client
     * has stopped sending, else once the rest has drained or after {@link #LINGER_MS}.
     */
    static void sendAndClose(RoutingContext routing, DarkroomException error, int retryAfterSeconds) {
        HttpServerRequest request = routing.request();
        routing.response().putHeader("Connection", "close");
        Future<Void> sent = send(routing, error, retryAfterSeconds);
        if (request.isEnded() || error instanceof BodyReception.Stalled) {
            sent.onComplete(done -> request.connection().close());
            return;
        }
        request.exceptionHandler(ignored -> { });
        request.handler(discarded -> { });
        request.endHandler(v -> sent.onComplete(done -> request.connection().close()));
        request.resume();
        routing.vertx().setTimer(LINGER_MS, id -> request.connection().close());
    }
}
