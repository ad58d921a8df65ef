package org.darkroom.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.LogText;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.DeclaredType;
import org.darkroom.intake.Intake;
import org.darkroom.intake.JobDir;
import org.darkroom.door.JobExchange;
import org.darkroom.door.JobRecord;
import org.darkroom.intake.WorkArea;
import org.darkroom.fetch.UrlFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP door: adapts a request to a flow call and renders its result or error; it holds no image logic.
 *
 * <p>Checks run cheapest first: the API key and a free in-flight slot (both taken by {@link BodyGate} before the
 * body is read, else {@code 401} or {@code 429 busy} at once), the flow's name, readiness (ImageMagick answering
 * under its policy), its parameters, then intake of the received body, upload or fetched URL.
 */
public final class HttpDoor {
    public static final String RESULT_HEADER = "X-Darkroom-Result";
    private static final String STARTED = "darkroom.httpStarted";
    private static final String DOOR = "http";
    private static final Logger LOG = LoggerFactory.getLogger(HttpDoor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlowCatalog catalog;
    private final Intake intake;
    private final WorkArea workArea;
    private final UrlFetcher fetcher;
    private final HttpSettings settings;
    private final BodyGate gate;
    private final DarkroomMetrics metrics;
    private final BooleanSupplier ready;
    private final String version = java.util.Optional.ofNullable(HttpDoor.class.getPackage().getImplementationVersion())
            .orElse("development");

    public HttpDoor(FlowCatalog catalog, Intake intake, WorkArea workArea, UrlFetcher fetcher, HttpSettings settings,
                    DarkroomMetrics metrics, BooleanSupplier ready, BodyGate gate) {
        this.ready = ready;
        this.catalog = catalog;
        this.intake = intake;
        this.workArea = workArea;
        this.fetcher = fetcher;
        this.settings = settings;
        this.gate = gate;
        this.metrics = metrics;
    }

    /** The gate that admits requests and receives their bodies before this door's routes run. */
    public BodyGate bodyGate() {
        return gate;
    }

    /** Whether callers must present an API key; other endpoints on this server follow the same rule. */
    public boolean requiresApiKeys() {
        return settings.apiKeys().required();
    }

    /** The door's settings, which the server's own handlers (metrics, health, unmatched paths) follow too. */
    public HttpSettings settings() {
        return settings;
    }

    /** Route step: refuses a request without a valid API key (when keys are configured). */
    public void authorize(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
        if (!settings.apiKeys().admits(exchange.getMessage().getHeader("Authorization", String.class))) {
            throw new DarkroomException(ErrorCode.UNAUTHORIZED);
        }
    }

    /** Route step: the flow, its parameters, a slot, and the accepted input, handed over to {@code run-flow}. */
    public void accept(Exchange exchange) {
        FlowSpec flow = catalog.get(exchange.getMessage().getHeader(FlowRequestReader.PATH_PARAMETER, String.class));
        exchange.setProperty(FlowExchange.FLOW, flow.name());
        if (!ready.getAsBoolean()) {
            throw new DarkroomException(ErrorCode.NOT_READY);
        }
        flow.requireAvailable();
        // The gate holds this request's in-flight slot; a request that passed no gate arrived before it was in place.
        ReceivedBody body = gate.received(exchange).orElseThrow(() -> new DarkroomException(ErrorCode.NOT_READY));
        FlowRequestReader.FlowRequest request = FlowRequestReader.read(exchange, body);
        FlowParameters params = flow.params().parse(request.params());
        metrics.inFlight(DOOR).incrementAndGet();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                metrics.inFlight(DOOR).decrementAndGet();
            }
        });
        JobDir job = JobExchange.open(exchange, workArea);
        JobExchange.handOver(exchange, flow, params, receive(request, job));
    }

    private AcceptedImage receive(FlowRequestReader.FlowRequest request, JobDir job) {
        if (request.url() != null) {
            Path download = job.file("download");
            fetcher.fetch(request.url(), download);
            return intake.adopt(download, DeclaredType.none(), job);
        }
        // The gate wrote the body into the work area: Darkroom's own file, so it is moved, not copied.
        return intake.adopt(request.file(), request.declared(), job);
    }

    /** Route step: the image with its record in a header, or one JSON document when the caller asks for JSON. */
    public void respond(Exchange exchange) throws IOException {
        FlowResult result = exchange.getMessage().getBody(FlowResult.class);
        AcceptedImage input = JobExchange.input(exchange);
        Map<String, Object> record = JobRecord.of(exchange.getProperty(FlowExchange.FLOW, String.class),
                exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class), input, result,
                JobExchange.elapsedMillis(exchange));
        boolean wantsJson = exchange.getMessage().getHeader("Accept", "", String.class).contains("application/json");
        clearHeaders(exchange);
        if (result.hasImage() && !wantsJson) {
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
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(json(record));
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        finish(exchange, 200, null);
    }

    /** Route step: the catalog as JSON. */
    public void listFlows(Exchange exchange) {
        jsonResponse(exchange, CatalogDocuments.listing(catalog));
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

    /** Error step: RFC 9457 problem details with the stable code; the detail goes to the log only. */
    public void problem(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DarkroomException error = DarkroomException.unwrap(caught);
        if (error.code() == ErrorCode.INTERNAL) {
            LOG.error("HTTP request failed unexpectedly", caught);
        }
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
        exchange.getMessage().setBody(json(Problems.body(error, path)));
        finish(exchange, status, error);
    }

    private void finish(Exchange exchange, int status, DarkroomException error) {
        String flow = exchange.getProperty(FlowExchange.FLOW, "-", String.class);
        long nanos = System.nanoTime() - exchange.getProperty(STARTED, System.nanoTime(), Long.class);
        metrics.request(DOOR, flow, error == null ? "ok" : error.code().code(), nanos);
        long millis = nanos / 1_000_000;
        if (error == null) {
            LOG.info("http flow={} status={} ms={} outcome=done", flow, status, millis);
        } else {
            LOG.warn("http flow={} status={} ms={} outcome=failed code={} detail={}", flow, status, millis,
                    error.code().code(), LogText.of(error.detail()));
        }
    }

    private static void clearHeaders(Exchange exchange) {
        // Request headers would otherwise be echoed back as response headers.
        exchange.getMessage().removeHeaders("*", Exchange.HTTP_RESPONSE_CODE);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Records hold only JSON-able values", e);
        }
    }
}
