package org.darkroom.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.darkroom.door.Door;
import org.darkroom.door.FlowCall;
import org.darkroom.door.InboxOverview;
import org.darkroom.door.JobExchange;
import org.darkroom.door.RequestId;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.Version;

/**
 * The HTTP door: reads a request into a flow request and renders its result or problem; {@link FlowCall} does
 * everything in between, as for every door. It holds no image logic.
 *
 * <p>The API key and a place under the service's limit were already checked by {@link BodyGate} before the body was
 * read (else {@code 401} or {@code 429 busy} at once); every answer carries the request's {@code X-Request-Id}.
 */
public final class HttpDoor {
    public static final String RESULT_HEADER = "X-Darkroom-Result";
    /** Exchange property: the caller already holds this answer (a GET's If-None-Match), so the flow is skipped. */
    public static final String NOT_MODIFIED = "darkroom.notModified";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlowCatalog catalog;
    private final HttpSettings settings;
    private final BodyGate gate;
    private final InboxOverview inboxes;
    private final String version = Version.current();

    HttpDoor(FlowCatalog catalog, HttpSettings settings, BodyGate gate, InboxOverview inboxes) {
        this.catalog = catalog;
        this.settings = settings;
        this.gate = gate;
        this.inboxes = inboxes;
    }

    /** The gate that admits requests and receives their bodies before this door's routes run. */
    public BodyGate bodyGate() {
        return gate;
    }

    /**
     * Installs the door's handlers below the routes, once the server's router exists: CORS first (it answers
     * preflights, which the gate would refuse for want of a key), then the body gate.
     */
    public void installHandlers(CamelContext context) {
        CorsPolicy.install(context, settings.corsOrigins());
        gate.install(context);
    }

    /** Whether callers must present an API key; other endpoints on this server follow the same rule. */
    public boolean requiresApiKeys() {
        return settings.apiKeys().required();
    }

    /** The door's settings, which the server's own handlers (metrics, health, unmatched paths) follow too. */
    public HttpSettings settings() {
        return settings;
    }

    /**
     * Route step, first in every HTTP route: names the request (the id and start the body gate gave it, else its own)
     * and refuses it without a valid API key (when keys are configured).
     */
    public void authorize(Exchange exchange) {
        Optional<AdmittedRequest> admitted = gate.admitted(exchange);
        AnswerCaching.remember(exchange, admitted);
        JobExchange.begin(exchange, Door.HTTP, admitted.map(AdmittedRequest::requestId)
                        .orElseGet(() -> RequestId.from(exchange.getMessage().getHeader(RequestId.HEADER, String.class))),
                admitted.map(AdmittedRequest::startedNanos).orElseGet(System::nanoTime));
        // The gate already authorized what it let in (a GET by its signature); the other routes are checked here.
        if (admitted.isEmpty()
                && !settings.apiKeys().admits(exchange.getMessage().getHeader("Authorization", String.class))) {
            throw new DarkroomException(ErrorCode.UNAUTHORIZED);
        }
    }

    /** Route step: the flow, its parameters and the image (body, upload or URL), for {@link FlowCall#admit}. */
    public void read(Exchange exchange) {
        // The gate holds this request's place; a request that passed no gate arrived before it was in place.
        AdmittedRequest admitted = gate.admitted(exchange)
                .orElseThrow(() -> new DarkroomException(ErrorCode.NOT_READY));
        JobExchange.request(exchange, FlowRequestReader.read(exchange, admitted.body())
                .admittedUnder(admitted.permit()));
    }

    /** Route step of the GET form: the flow, its parameters and the source URL, all from the address. */
    public void readAddress(Exchange exchange) {
        AdmittedRequest admitted = gate.admitted(exchange)
                .orElseThrow(() -> new DarkroomException(ErrorCode.NOT_READY));
        JobExchange.request(exchange, FlowRequestReader.readAddress(exchange).admittedUnder(admitted.permit()));
    }

    /**
     * Route step after negotiation: the tag the image answer will carry ({@link ResultTags}); for a GET whose
     * {@code If-None-Match} holds it, marks the request as answered by 304, so the flow does not run.
     */
    public void revalidate(Exchange exchange) {
        if (!catalog.get(exchange.getProperty(FlowExchange.FLOW, String.class)).output().hasImage()) {
            return;
        }
        String tag = ResultTags.tag(exchange, version);
        String held = exchange.getMessage().getHeader("If-None-Match", String.class);
        if (AnswerCaching.isGet(exchange) && EntityTags.matches(held, tag)) {
            exchange.setProperty(NOT_MODIFIED, true);
        }
    }

    /** Route step instead of the flow: 304, with the validators and caching the full answer would have had. */
    public void notModified(Exchange exchange) {
        clearHeaders(exchange);
        AnswerCaching.image(exchange, settings.cacheMaxAgeSeconds());
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
    }

    /** Route step after admission: {@code format=auto} settled by {@code Accept} ({@link FormatNegotiation}). */
    public void negotiate(Exchange exchange) {
        FormatNegotiation.negotiate(exchange, catalog.get(exchange.getProperty(FlowExchange.FLOW, String.class)));
    }

    /** Route step: the image with its record in a header, or one JSON document when the caller asks for JSON. */
    public void respond(Exchange exchange) throws IOException {
        FlowResult result = exchange.getMessage().getBody(FlowResult.class);
        Map<String, Object> record = new LinkedHashMap<>(JobExchange.record(exchange));
        boolean wantsJson = !result.hasImage() || prefersJson(exchange, result.imageMimeType());
        clearHeaders(exchange);
        if (result.hasImage() && !wantsJson) {
            AnswerCaching.image(exchange, settings.cacheMaxAgeSeconds());
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, result.imageMimeType());
            exchange.getMessage().setHeader(RESULT_HEADER, HeaderJson.write(record));
            exchange.getMessage().setBody(Files.readAllBytes(result.image()));
        } else {
            if (result.hasImage()) {
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("mime_type", result.imageMimeType());
                image.put("data", Base64.getEncoder().encodeToString(Files.readAllBytes(result.image())));
                record.put("image", image);
            }
            AnswerCaching.json(exchange);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(json(record));
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    /**
     * JSON only when the caller weighs it above the image: a generated client that lists every type it knows, JSON
     * among them, gets the image it asked for; {@code Accept: application/json} alone gets JSON.
     */
    private static boolean prefersJson(Exchange exchange, String imageType) {
        AcceptHeader accept = AcceptHeader.parse(exchange.getMessage().getHeader("Accept", String.class));
        return accept.weight("application/json") > accept.weight(imageType);
    }

    /** Route step: the catalog as JSON. */
    public void listFlows(Exchange exchange) {
        jsonResponse(exchange, CatalogDocuments.listing(catalog));
    }

    /** Route step: what the drop folders hold (an empty list when this process watches none). */
    public void inboxes(Exchange exchange) {
        jsonResponse(exchange, InboxListing.document(inboxes));
    }

    /** Route step: the OpenAPI description of every endpoint, generated from the catalog. */
    public void openApi(Exchange exchange) {
        jsonResponse(exchange, CatalogDocuments.openApi(catalog, version));
    }

    private void jsonResponse(Exchange exchange, Object document) {
        clearHeaders(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json(document));
    }

    /** Error step, after {@link FlowCall#failed}: RFC 9457 problem details with the stable code. */
    public void problem(Exchange exchange) {
        DarkroomException error = FlowCall.failure(exchange);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
        int status = Problems.status(error.code());
        clearHeaders(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problems.MEDIA_TYPE);
        if (error.code() == ErrorCode.BUSY || error.code() == ErrorCode.NOT_READY) {
            // not_ready is a stop, a full disk or a failed ImageMagick check: the same request succeeds later.
            exchange.getMessage().setHeader("Retry-After", settings.retryAfterSeconds());
        }
        if (error.code() == ErrorCode.UNAUTHORIZED) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        }
        exchange.getMessage().setBody(json(Problems.body(error, path, JobExchange.requestId(exchange))));
    }

    private static void clearHeaders(Exchange exchange) {
        // Request headers would otherwise be echoed back as response headers; the request's id goes back on purpose.
        String id = JobExchange.requestId(exchange);
        exchange.getMessage().removeHeaders("*", Exchange.HTTP_RESPONSE_CODE);
        if (id != null) {
            exchange.getMessage().setHeader(RequestId.HEADER, id);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Records hold only JSON-able values", e);
        }
    }
}
