package org.darkroom.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.door.FlowRequest;
import org.darkroom.door.ImageSource;

/**
 * Reads a flow request in any of its three shapes: the image as the raw body, a {@code multipart/form-data} upload
 * with parameter fields, or JSON {@code {"url": …, …parameters}}. Query parameters add to any of them. The body
 * itself was received into a file by {@link BodyGate}.
 *
 * <p>Only names the catalog declares are used by the flow; the rest are refused there as unknown parameters.
 */
final class FlowRequestReader {
    static final String PATH_PARAMETER = "flow";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FlowRequestReader() {
    }

    /** The flow named by the path, its raw parameters, and the image: the body, the upload, or a URL. */
    static FlowRequest read(Exchange exchange, ReceivedBody body) {
        String flow = exchange.getMessage().getHeader(PATH_PARAMETER, String.class);
        HttpMessage http = exchange.getMessage() instanceof HttpMessage message ? message : null;
        Map<String, Object> params = queryParameters(exchange);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (media.equals("multipart/form-data")) {
            if (http != null) {
                addAll(params, http.getRequest().formAttributes());
            }
            if (body.uploads() != 1) {
                throw new DarkroomException(ErrorCode.BAD_PARAMETER,
                        "A multipart request needs exactly one file part holding the image.");
            }
            return FlowRequest.of(flow, params, ImageSource.upload(body.file(), body.uploadName()));
        }
        if (media.equals("application/json")) {
            Map<String, Object> json = parseJson(body);
            Object url = json.remove("url");
            if (!(url instanceof String text) || text.isBlank()) {
                throw new DarkroomException(ErrorCode.BAD_PARAMETER,
                        "A JSON request needs \"url\": the address of the image to fetch.");
            }
            params.putAll(json);
            return FlowRequest.of(flow, params, ImageSource.url(text));
        }
        if (body.file() == null) {
            throw new DarkroomException(ErrorCode.EMPTY_INPUT,
                    "The request has no body. Send the image as the body, as a multipart upload, or as JSON with a url.");
        }
        return FlowRequest.of(flow, params, ImageSource.body(body.file(), contentType));
    }

    /** The GET form: {@code url} names the image, the other query parameters are the flow's. */
    static FlowRequest readAddress(Exchange exchange) {
        String flow = exchange.getMessage().getHeader(PATH_PARAMETER, String.class);
        Map<String, Object> params = queryParameters(exchange);
        params.remove(SignedUrls.SIGNATURE);
        params.remove(SignedUrls.EXPIRES);
        Object url = params.remove("url");
        if (!(url instanceof String text) || text.isBlank()) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "A GET names its image in the query: ?url=<https"
                    + " address, percent-encoded>, then the flow's parameters.");
        }
        return FlowRequest.of(flow, params, ImageSource.url(text));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseJson(ReceivedBody body) {
        try {
            Object parsed = body.file() == null ? null : JSON.readValue(body.file().toFile(), Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return new LinkedHashMap<>((Map<String, Object>) map);
            }
        } catch (IOException e) {
            // reported below: the body is not the JSON object we need
        }
        throw new DarkroomException(ErrorCode.BAD_PARAMETER, "The JSON body must be an object such as"
                + " {\"url\": \"https://…/photo.jpg\", \"width\": 800}.");
    }

    /** The request's query parameters, in order. */
    private static Map<String, Object> queryParameters(Exchange exchange) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (exchange.getMessage() instanceof HttpMessage http) {
            addAll(params, http.getRequest().params());
            // Vert.x lists path parameters among the request's parameters; the flow's name is not one of its own.
            params.remove(PATH_PARAMETER);
        }
        return params;
    }

    private static void addAll(Map<String, Object> params, MultiMap values) {
        for (String name : values.names()) {
            params.put(name, values.get(name));
        }
    }
}
