package org.darkroom.http;

import java.util.List;
import java.util.Locale;
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
        String accept = exchange.getMessage().getHeader("Accept", "", String.class);
        List<String> offered = flow.params().choices(FORMAT);
        AcceptedImage input = exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
        String chosen = null;
        if (input.header().frames() == 1 && offered.contains("avif") && accepts(accept, "image/avif")) {
            chosen = "avif";
        } else if (offered.contains("webp") && accepts(accept, "image/webp")) {
            chosen = "webp";
        }
        if (chosen != null) {
            exchange.setProperty(FlowExchange.PARAMS, params.with(FORMAT, chosen));
        }
    }

    /** Whether {@code accept} names {@code type} outright with a quality above zero. */
    static boolean accepts(String accept, String type) {
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(type)) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    try {
                        return Double.parseDouble(parameter.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }
}
