package org.darkroom.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Answers what Vert.x could not parse as a request, before any route: a request line (the URL) or headers past the
 * server's limits ({@code 414}, {@code 431}), or plain garbage ({@code 400}), with problem JSON instead of an empty
 * page.
 */
final class InvalidRequests {
    private InvalidRequests() {
    }

    static void answer(HttpServerRequest request, DoorAnswers answers) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            answers.refuse(request, 414, new DarkroomException(ErrorCode.TOO_LARGE, "The URL is longer than the server"
                    + " accepts. Send parameters in the body (JSON, or multipart fields) instead of the query string."));
        } else if (cause instanceof TooLongHttpHeaderException) {
            answers.refuse(request, 431, new DarkroomException(ErrorCode.TOO_LARGE, "The request headers are larger"
                    + " than the server accepts. Send fewer or shorter headers."));
        } else {
            answers.refuse(request, 400, new DarkroomException(ErrorCode.BAD_PARAMETER, "The request is not valid"
                    + " HTTP/1.1."));
        }
    }
}
