package org.darkroom.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.intake.AcceptedImage;

/**
 * Strong entity tags for image answers, known before the flow runs: the same bytes in, the same flow and parameters
 * (after {@code format=auto} is settled) and the same Darkroom give the same image out. JSON answers get none, as
 * each carries its own request id and timings.
 *
 * <p>A GET whose {@code If-None-Match} holds the tag is answered 304 without running the flow. A POST is not: RFC
 * 9110 lets a failed precondition on POST answer only 412, which would turn a cache check into an error.
 */
final class ResultTags {
    /** Exchange property: the tag of the image this request will answer with. */
    static final String TAG = "darkroom.resultTag";
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ResultTags() {
    }

    /** Route step's work: the tag of this request's image, kept on the exchange for the answer. */
    static String tag(Exchange exchange, String version) {
        AcceptedImage input = exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
        FlowParameters params = exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class);
        String flow = exchange.getProperty(FlowExchange.FLOW, String.class);
        String tag = EntityTags.strong(String.join("\n", version, flow, canonical(params), input.sha256())
                .getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(TAG, tag);
        return tag;
    }

    private static String canonical(FlowParameters params) {
        try {
            return CANONICAL.writeValueAsString(params.asJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Parameters are JSON-able", e);
        }
    }
}
