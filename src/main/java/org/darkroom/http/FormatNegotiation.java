package org.darkroom.http;

import java.util.List;
import org.apache.camel.Exchange;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.intake.AcceptedImage;

/**
 * {@code format=auto} over HTTP as image services do it: when the caller's {@code Accept} names AVIF, a still image
 * is written as AVIF; else, when it names WebP, as WebP (animations too); else auto keeps its usual choice. Only an
 * explicit {@code image/avif} or {@code image/webp} counts ({@code *}{@code /*} says nothing about what a client can
 * show), and one with {@code q=0} is a refusal. Every answer that auto decided says {@code Vary: Accept}.
 */
final class FormatNegotiation {
    /** Exchange property: the answer depends on {@code Accept}. */
    static final String VARIES = "darkroom.variesByAccept";
    private static final String FORMAT = "format";
    private static final String AUTO = "auto";

    private FormatNegotiation() {
    }

    /** Route step after admission: settles {@code format=auto} by the request's {@code Accept}. */
    static void negotiate(Exchange exchange, FlowSpec flow) {
        FlowParameters params = exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class);
        if (!params.text(FORMAT).map(AUTO::equals).orElse(false)) {
            return;
        }
        exchange.setProperty(VARIES, true);
        AcceptHeader accept = AcceptHeader.parse(exchange.getMessage().getHeader("Accept", String.class));
        List<String> offered = flow.params().choices(FORMAT);
        AcceptedImage input = exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
        String chosen = null;
        if (input.header().frames() == 1 && offered.contains("avif") && accept.names("image/avif")) {
            chosen = "avif";
        } else if (offered.contains("webp") && accept.names("image/webp")) {
            chosen = "webp";
        }
        if (chosen != null) {
            exchange.setProperty(FlowExchange.PARAMS, params.with(FORMAT, chosen));
        }
    }
}
