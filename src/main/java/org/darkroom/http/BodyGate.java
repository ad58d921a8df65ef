package org.darkroom.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.darkroom.door.Admission;
import org.darkroom.door.RequestId;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.GracefulStop;
import org.darkroom.intake.JobDir;
import org.darkroom.intake.WorkArea;

/**
 * Admits a request with a body before reading any of it, then receives the body into a private file; only then
 * does the route run. Installed ahead of every route on {@code POST /v1/flows/*} and {@code POST /mcp}.
 *
 * <p>A flow request takes its place under the service's limit of work in progress ({@link Admission},
 * {@code darkroom.max-in-flight}) when its body starts, and gives it back when the answer is sent or the connection
 * closes: a request is never let in to send its body and then refused as busy, and bodies being received count like
 * work in progress, so many slow or stalled uploads cannot pile up. A message to {@code /mcp} takes no place here (it
 * may list tools or call one; a tool call takes its own place, and is answered {@code busy} as a tool result). A
 * large body (over {@link #SMALL_BODY} bytes, or of unknown length) also takes a place among the large bodies being
 * received ({@code darkroom.http.max-large-bodies}), until it is read: a flood of large, slow uploads holds at most
 * those places, and small requests still find one.
 *
 * <p>A refused request is answered at once ({@code 401}, {@code 413} from its Content-Length, {@code 429}),
 * before any of its body is kept. Its job directory is deleted with the request.
 */
public final class BodyGate implements Handler<RoutingContext> {
    /** A body this small, declared by its Content-Length, is received without a place among the large ones. */
    static final long SMALL_BODY = 1024 * 1024;
    private static final String FLOW_PATH = "/v1/flows/[^/]+/?";

    private final HttpSettings settings;
    private final BodyLimits limits;
    private final WorkArea workArea;
    private final DarkroomMetrics metrics;
    private final Admission admission;
    private final Semaphore largeBodies;
    private final Map<HttpServerRequest, AdmittedRequest> received = new ConcurrentHashMap<>();
    private final BooleanSupplier stopping;

    BodyGate(HttpSettings settings, BodyLimits limits, WorkArea workArea, DarkroomMetrics metrics, Admission admission,
             int maxLargeBodies, BooleanSupplier stopping) {
        this.stopping = stopping;
        this.settings = settings;
        this.limits = limits;
        this.workArea = workArea;
        this.metrics = metrics;
        this.admission = admission;
        this.largeBodies = new Semaphore(maxLargeBodies);
    }

    /** Puts the gate in front of the routes that take bodies; call once the server's router exists. */
    void install(CamelContext context) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            // After ServerErrors' own first handler, which relabels form-encoded images as plain bytes. A pattern, not
            // "/v1/flows/*": that would also match the catalog listing, whose 405 must then not list POST.
            router.postWithRegex(FLOW_PATH).order(Integer.MIN_VALUE + 1).handler(this);
            // The GET form has no body, but takes its place under the limit here too, and is authorized here.
            router.getWithRegex(FLOW_PATH).order(Integer.MIN_VALUE + 1).handler(this);
            router.post("/mcp").order(Integer.MIN_VALUE + 1).handler(this);
        }
    }

    /** The request as the gate let it in; empty when the request did not pass the gate. */
    Optional<AdmittedRequest> admitted(Exchange exchange) {
        return exchange.getMessage() instanceof HttpMessage http
                ? Optional.ofNullable(received.get(http.getRequest())) : Optional.empty();
    }

    /** Route step for {@code /mcp}: the received JSON-RPC message becomes the body, as a file. */
    public void toBody(Exchange exchange) {
        exchange.getMessage().setBody(admitted(exchange).map(AdmittedRequest::body).map(ReceivedBody::file)
                .map(java.nio.file.Path::toFile).orElse(null));
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        long started = System.nanoTime();
        String id = RequestId.from(request.getHeader(RequestId.HEADER));
        routing.response().putHeader(RequestId.HEADER, id);
        GetAccess.Caching caching = null;
        try {
            caching = authorize(request);
        } catch (DarkroomException refused) {
            refuse(routing, refused, started, id);
            return;
        }
        if (stopping.getAsBoolean()) {
            // Camel's own answer while its routes stop is a bare 503; a caller needs the code and when to retry.
            refuse(routing, new DarkroomException(ErrorCode.NOT_READY, GracefulStop.MESSAGE), started, id);
            return;
        }
        BodyKind kind = BodyKind.of(request.path(), request.getHeader(HttpHeaders.CONTENT_TYPE));
        long declared = contentLength(request);
        if (declared > limits.cap(kind)) {
            refuse(routing, limits.tooLarge(kind), started, id);
            return;
        }
        boolean hasBody = declared > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        boolean large = hasBody && (declared < 0 || declared > SMALL_BODY);
        if (large && !largeBodies.tryAcquire()) {
            refuse(routing, busy("large uploads"), started, id);
            return;
        }
        Admission.Permit permit = null;
        if (kind != BodyKind.MCP) {
            permit = admission.tryEnter().orElse(null);
            if (permit == null) {
                if (large) {
                    largeBodies.release();
                }
                refuse(routing, busy("requests"), started, id);
                return;
            }
        }
        Admission.Permit held = permit;
        AtomicBoolean receiving = new AtomicBoolean(large);
        routing.addEndHandler(done -> endReceiving(receiving));
        if (!hasBody) {
            routing.addEndHandler(done -> release(routing, held, null));
            handOver(routing, new AdmittedRequest(id, started, held, ReceivedBody.none(), caching));
            return;
        }
        request.pause();
        JobDir job = workArea.newJob();
        routing.addEndHandler(done -> release(routing, held, job));
        if (request.version() != HttpVersion.HTTP_1_0 && "100-continue".equalsIgnoreCase(
                request.getHeader(HttpHeaders.EXPECT))) {
            routing.response().writeContinue();
        }
        new BodyReception(routing.vertx(), request, kind, limits, job.path()).start().onComplete(body -> {
            endReceiving(receiving);
            if (body.succeeded()) {
                handOver(routing, new AdmittedRequest(id, started, held, body.result(), null));
            } else {
                refuse(routing, DarkroomException.unwrap(body.cause()), started, id);
            }
        });
    }

    /** The GET form's caching, once its caller is admitted; {@code null} for a POST with a valid key. */
    private GetAccess.Caching authorize(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (request.method() == HttpMethod.GET) {
            return settings.gets().admit(request.uri(), authorization, Instant.now());
        }
        if (!settings.apiKeys().admits(authorization)) {
            throw new DarkroomException(ErrorCode.UNAUTHORIZED);
        }
        return null;
    }

    private DarkroomException busy(String what) {
        return new DarkroomException(ErrorCode.BUSY, "Darkroom is receiving or working on as many " + what
                + " as it takes at once. Retry after " + settings.retryAfterSeconds() + " s.");
    }

    private void endReceiving(AtomicBoolean receiving) {
        if (receiving.compareAndSet(true, false)) {
            largeBodies.release();
        }
    }

    private void handOver(RoutingContext routing, AdmittedRequest admitted) {
        received.put(routing.request(), admitted);
        // The body is read: the route's own body handler must not wait for one.
        ((RoutingContextInternal) routing).visitHandler(RoutingContextInternal.BODY_HANDLER);
        routing.next();
    }

    private void release(RoutingContext routing, Admission.Permit held, JobDir job) {
        received.remove(routing.request());
        if (held != null) {
            held.close();
        }
        if (job != null) {
            // Deleting up to a whole upload is file-system work: off the event loop.
            routing.vertx().executeBlocking(() -> {
                job.close();
                return null;
            }, false);
        }
    }

    private void refuse(RoutingContext routing, DarkroomException error, long started, String id) {
        EarlyRefusals.account(metrics, id, error, System.nanoTime() - started);
        ProblemResponses.sendAndClose(routing, error, settings.retryAfterSeconds());
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
