package org.darkroom.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.door.RequestId;
import org.darkroom.flow.FlowSpec;

/** The pieces the OpenAPI document repeats: schema names and references, problem answers, the request id header. */
final class OpenApiParts {
    static final Map<String, Object> BINARY = Map.of("type", "string", "format", "binary");
    static final String WITH_IMAGE = "WithImage";
    static final String FORM = "Form";
    static final String BY_URL = "ByUrl";

    private OpenApiParts() {
    }

    /** {@code ThumbnailRecord}: what a generated client calls the record of {@code thumbnail}. */
    static String recordName(FlowSpec flow) {
        return schemaName(flow, "Record");
    }

    /** Named, so a generated client gets a class of that name rather than an inline one it may misname. */
    static String schemaName(FlowSpec flow, String what) {
        return Character.toUpperCase(flow.name().charAt(0)) + flow.name().substring(1) + what;
    }

    static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
    }

    static Map<String, Object> content(String description, String type, Map<String, Object> schema) {
        return Map.of("description", description, "content", Map.of(type, Map.of("schema", schema)));
    }

    static Map<String, Object> problem() {
        return Map.of("description", "A problem: the stable code and a sentence saying what to do.",
                "headers", Map.of(RequestId.HEADER, requestIdHeader()),
                "content", Map.of(Problems.MEDIA_TYPE, Map.of("schema", ref("Problem"))));
    }

    static Map<String, Object> retryLater(String why) {
        return Map.of("description", why + " Retry after the seconds Retry-After gives.",
                "headers", Map.of(RequestId.HEADER, requestIdHeader(), "Retry-After", Map.of("description",
                        "Seconds to wait before retrying.", "schema", Map.of("type", "integer"))),
                "content", Map.of(Problems.MEDIA_TYPE, Map.of("schema", ref("Problem"))));
    }

    static Map<String, Object> withRequestId(Map<String, Object> response) {
        Map<String, Object> withHeader = new LinkedHashMap<>(response);
        withHeader.put("headers", Map.of(RequestId.HEADER, requestIdHeader()));
        return withHeader;
    }

    static Map<String, Object> requestIdHeader() {
        return Map.of("description", "The request's id: the caller's own X-Request-Id when it sent a valid one, as"
                + " in Darkroom's log line and the job record.", "schema", Map.of("type", "string"));
    }
}
