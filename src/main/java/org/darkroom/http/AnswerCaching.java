package org.darkroom.http;

import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * How an answer may be kept. An image: publicly for its max age when a signed GET asked for it (a CDN may serve it
 * to anyone with the address), privately when an API-key caller's GET did, and by the caller alone, revalidating,
 * for a POST; with its strong tag ({@link ResultTags}). A JSON answer is never stored: it names its own request.
 * Answers that {@code format=auto} settled by {@code Accept} say so in {@code Vary}.
 */
final class AnswerCaching {
    private static final String ADMITTED = "darkroom.httpAdmitted";
    private static final String RESPONSE = "darkroom.httpResponse";

    private AnswerCaching() {
    }

    /**
     * First route step's part: what the gate admitted and the response to write headers on, kept now because a
     * flow's steps may replace the message, and with it the way back to them.
     */
    static void remember(Exchange exchange, Optional<AdmittedRequest> admitted) {
        admitted.ifPresent(request -> exchange.setProperty(ADMITTED, request));
        if (exchange.getMessage() instanceof HttpMessage http) {
            exchange.setProperty(RESPONSE, http.getResponse());
        }
    }

    /** Whether this is the GET form (whose conditional requests are honoured). */
    static boolean isGet(Exchange exchange) {
        return caching(exchange) != null;
    }

    static void image(Exchange exchange, int maxAgeSeconds) {
        String tag = exchange.getProperty(ResultTags.TAG, String.class);
        if (tag != null) {
            exchange.getMessage().setHeader("ETag", tag);
        }
        GetAccess.Caching caching = caching(exchange);
        cacheControl(exchange, caching == null ? "private, no-cache"
                : (caching == GetAccess.Caching.PUBLIC ? "public" : "private") + ", max-age=" + maxAgeSeconds);
    }

    static void json(Exchange exchange) {
        cacheControl(exchange, "no-store");
    }

    private static GetAccess.Caching caching(Exchange exchange) {
        AdmittedRequest admitted = exchange.getProperty(ADMITTED, AdmittedRequest.class);
        return admitted == null ? null : admitted.caching();
    }

    private static void cacheControl(Exchange exchange, String policy) {
        // Camel's HTTP header filter drops Cache-Control from a message's headers, so it goes on the response itself.
        HttpServerResponse response = exchange.getProperty(RESPONSE, HttpServerResponse.class);
        if (response != null) {
            response.putHeader("Cache-Control", policy);
        }
        if (Boolean.TRUE.equals(exchange.getProperty(FormatNegotiation.VARIES, Boolean.class))) {
            exchange.getMessage().setHeader("Vary", "Accept");
        }
    }
}
