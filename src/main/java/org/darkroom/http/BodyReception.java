package org.darkroom.http;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Receives one request body into a file of its job directory, on the event loop and never whole in the heap: bytes
 * are counted against the cap as they arrive, the file's write queue pushes back on the connection, and a body that
 * sends nothing for the idle timeout is given up.
 *
 * <p>A multipart body goes through Vert.x's own decoder, whose one file part is streamed to the same directory;
 * its text fields are small and bounded by the server's form limits.
 */
final class BodyReception {
    /** Thrown into the result when the body stopped moving; answered 408. */
    static final class Stalled extends DarkroomException {
        Stalled(long idleMs) {
            super(ErrorCode.TIMEOUT, "The request body stopped arriving for " + idleMs + " ms, so the request was"
                    + " cut. Send the whole body without pausing.");
        }
    }

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final BodyKind kind;
    private final long cap;
    private final BodyLimits limits;
    private final Path target;
    private final Promise<ReceivedBody> result = Promise.promise();
    private long bytes;
    private long lastProgress;
    private long idleTimer = -1;
    private AsyncFile file;
    private HttpServerFileUpload upload;
    private Future<Void> uploadWritten = Future.succeededFuture();
    private int uploads;
    private boolean ended;

    BodyReception(Vertx vertx, HttpServerRequest request, BodyKind kind, BodyLimits limits, Path directory) {
        this.vertx = vertx;
        this.request = request;
        this.kind = kind;
        this.cap = limits.cap(kind);
        this.limits = limits;
        this.target = directory.resolve(kind == BodyKind.MULTIPART ? "upload" : "body");
    }

    /** Starts reading the (paused) request; the future completes once the whole body is on disk, or fails. */
    Future<ReceivedBody> start() {
        lastProgress = System.nanoTime();
        long every = Math.max(20, limits.idleTimeoutMs() / 5);
        idleTimer = vertx.setPeriodic(every, id -> checkIdle());
        request.exceptionHandler(failure -> fail(clientError(failure)));
        if (kind == BodyKind.MULTIPART) {
            try {
                request.setExpectMultipart(true);
            } catch (IllegalStateException e) {
                fail(new DarkroomException(ErrorCode.BAD_PARAMETER, "The multipart request has no valid boundary"
                        + " in its Content-Type."));
                return result.future();
            }
            request.uploadHandler(this::upload);
            listen();
        } else {
            vertx.fileSystem().open(target.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                    .onSuccess(opened -> {
                        file = opened;
                        if (result.future().isComplete()) {
                            file.close();
                        } else {
                            listen();
                        }
                    })
                    .onFailure(this::fail);
        }
        return result.future();
    }

    private void listen() {
        request.handler(this::received);
        request.endHandler(v -> {
            ended = true;
            finishIfDone();
        });
        request.resume();
    }

    private void received(Buffer data) {
        if (result.future().isComplete()) {
            return;
        }
        lastProgress = System.nanoTime();
        bytes += data.length();
        if (bytes > cap) {
            fail(limits.tooLarge(kind));
            return;
        }
        if (file != null) {
            file.write(data);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(v -> request.resume());
            }
        }
    }

    private void upload(HttpServerFileUpload part) {
        if (++uploads > 1) {
            fail(new DarkroomException(ErrorCode.BAD_PARAMETER,
                    "A multipart request needs exactly one file part holding the image."));
            return;
        }
        upload = part;
        uploadWritten = part.streamToFileSystem(target.toString());
        uploadWritten.onComplete(done -> {
            if (done.failed()) {
                fail(done.cause());
            } else {
                finishIfDone();
            }
        });
    }

    private void finishIfDone() {
        if (!ended || !uploadWritten.isComplete() || result.future().isComplete()) {
            return;
        }
        stopWatching();
        if (kind == BodyKind.MULTIPART) {
            result.tryComplete(upload == null ? ReceivedBody.none()
                    : new ReceivedBody(target, bytes, upload.filename(), uploads));
            return;
        }
        file.close().onComplete(closed -> {
            if (closed.failed()) {
                result.tryFail(closed.cause());
            } else {
                result.tryComplete(ReceivedBody.raw(target, bytes));
            }
        });
    }

    private void checkIdle() {
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastProgress);
        if (!result.future().isComplete() && idle >= limits.idleTimeoutMs()) {
            fail(new Stalled(limits.idleTimeoutMs()));
        }
    }

    private void fail(Throwable cause) {
        if (result.future().isComplete()) {
            return;
        }
        stopWatching();
        result.tryFail(cause);
        if (upload != null && !uploadWritten.isComplete()) {
            try {
                upload.cancelStreamToFileSystem();
            } catch (IllegalStateException alreadyWritten) {
                // the job directory is deleted with the request either way
            }
        }
        if (file != null) {
            file.close();
        }
    }

    /** A multipart body Netty's decoder refused (a field past its size limit, a broken part) is the client's error. */
    private Throwable clientError(Throwable failure) {
        if (kind == BodyKind.MULTIPART && failure instanceof HttpPostRequestDecoder.ErrorDataDecoderException) {
            return new DarkroomException(ErrorCode.BAD_PARAMETER, "A form field of the multipart request is too long"
                    + " or malformed. Send the image as the one file part and parameters as short fields.",
                    "multipart decoder: " + failure.getMessage(), failure);
        }
        return failure;
    }

    private void stopWatching() {
        if (idleTimer != -1) {
            vertx.cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }
}
