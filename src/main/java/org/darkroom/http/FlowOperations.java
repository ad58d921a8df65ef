package org.darkroom.http;

import static org.darkroom.http.OpenApiParts.BINARY;
import static org.darkroom.http.OpenApiParts.BY_URL;
import static org.darkroom.http.OpenApiParts.FORM;
import static org.darkroom.http.OpenApiParts.WITH_IMAGE;
import static org.darkroom.http.OpenApiParts.content;
import static org.darkroom.http.OpenApiParts.problem;
import static org.darkroom.http.OpenApiParts.recordName;
import static org.darkroom.http.OpenApiParts.ref;
import static org.darkroom.http.OpenApiParts.requestIdHeader;
import static org.darkroom.http.OpenApiParts.retryLater;
import static org.darkroom.http.OpenApiParts.schemaName;
import static org.darkroom.http.OpenApiParts.withRequestId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.darkroom.door.RequestId;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.ParamSpec;
import org.darkroom.intake.ImageType;

/** The OpenAPI operations of one flow: its POST (the image in the body or a form) and its signed GET form. */
final class FlowOperations {
    static final String IMAGES_TAG = "images";
    static final String VISION_TAG = "vision";
    static final String API_KEY = "apiKey";
    static final String SIGNED_ADDRESS = "signedAddress";
    /**
     * Request bodies: plain binary first, because client generators use the first type for every upload (a
     * generated client that sent {@code image/jpeg} for all of them had every PNG refused as a mismatch); then
     * each accepted type, for callers that say what they send.
     */
    private static final List<String> INPUT_TYPES = inputTypes();

    private FlowOperations() {
    }

    private static List<String> inputTypes() {
        Set<String> types = new LinkedHashSet<>(List.of("application/octet-stream"));
        Arrays.stream(ImageType.values()).map(ImageType::mimeType).forEach(types::add);
        return List.copyOf(types);
    }

    /** {@code POST /v1/flows/{flow}}: the image in the body or a form. */
    static Map<String, Object> post(FlowSpec flow, List<String> outputTypes) {
        Map<String, Object> requestContent = new LinkedHashMap<>();
        for (String type : INPUT_TYPES) {
            requestContent.put(type, Map.of("schema", BINARY));
        }
        requestContent.put("multipart/form-data", Map.of("schema", ref(schemaName(flow, FORM))));

        Map<String, Object> operation = common(flow, outputTypes, false);
        operation.put("operationId", flow.name());
        // The JSON form is described, not declared: client generators pick JSON over every other body type when an
        // operation offers it, and would then send every image as a JSON string.
        operation.put("description", flow.summary() + " Send the image as the body (any accepted type, or"
                + " application/octet-stream) or as the file part of a form, parameters in the query or the form."
                + " Or send application/json naming an https url and the parameters (schema " + schemaName(flow, BY_URL)
                + "). The input's type is read from its bytes.");
        operation.put("requestBody", Map.of("required", true, "content", requestContent));
        return operation;
    }

    /**
     * {@code GET /v1/flows/{flow}?url=…}: the form a CDN can cache, authorized by its signature (an apiKey scheme in
     * the query, to OpenAPI) or, where unsigned GETs are allowed, by an API key.
     */
    static Map<String, Object> get(FlowSpec flow, List<String> outputTypes) {
        Map<String, Object> operation = common(flow, outputTypes, true);
        operation.put("operationId", flow.name() + "ByAddress");
        operation.put("description", flow.summary() + " The image is fetched from url (https, public hosts); the"
                + " address is signed: " + SignedUrls.SIGNATURE + " comes last, the HMAC-SHA256 of the path and query"
                + " before it, base64url, with a key of darkroom.http.signing-keys. A caller holding the answer sends"
                + " If-None-Match with its ETag and gets 304 without the flow running.");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation.get("parameters");
        parameters.add(0, parameter("url", "query", true, "The image's https address.",
                Map.of("type", "string", "format", "uri")));
        parameters.add(parameter(SignedUrls.EXPIRES, "query", false, "Unix seconds after which the signed address is"
                + " refused; signed with the rest.", Map.of("type", "integer")));
        parameters.add(parameter("If-None-Match", "header", false, "The ETag of an answer the caller holds.",
                Map.of("type", "string")));
        operation.put("security", List.of(Map.of(SIGNED_ADDRESS, List.of()), Map.of(API_KEY, List.of())));
        @SuppressWarnings("unchecked")
        Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
        responses.put("304", Map.of("description", "The caller's copy (If-None-Match) is the answer; nothing ran.",
                "headers", Map.of("ETag", etagHeader(), "Cache-Control", cacheHeader(), RequestId.HEADER,
                        requestIdHeader())));
        return operation;
    }

    /** What both forms share: tags, summary, the flow's parameters in the query, the answers. */
    private static Map<String, Object> common(FlowSpec flow, List<String> outputTypes, boolean get) {
        List<Map<String, Object>> query = new ArrayList<>();
        for (ParamSpec spec : flow.params().specs()) {
            query.add(parameter(spec.name(), "query", false, spec.description(), spec.jsonSchema()));
        }
        Map<String, Object> ok = flow.output().hasImage()
                // The JSON answer is described, not declared: a generated client asks for JSON alone when a response
                // offers it, and would never get the image.
                ? Map.of("description", "The image; the job record (" + recordName(flow) + ") is in the "
                        + HttpDoor.RESULT_HEADER + " header. When Accept weighs application/json above the image, the"
                        + " answer is instead one JSON document, " + recordName(flow) + WITH_IMAGE + ", with the image"
                        + " base64-encoded.",
                        // A header whose value is JSON is declared by its content, as OpenAPI 3.1 provides.
                        "headers", Map.of(HttpDoor.RESULT_HEADER, Map.of("description", "The job record, as JSON in"
                                + " plain ASCII.", "content", Map.of("application/json",
                                        Map.of("schema", ref(recordName(flow))))),
                                RequestId.HEADER, requestIdHeader(), "ETag", etagHeader(),
                                "Cache-Control", cacheHeader()),
                        "content", imageResponses(outputTypes))
                : withRequestId(content("The job record, with what the flow found under result.", "application/json",
                        ref(recordName(flow))));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", ok);
        for (String status : List.of("400", "401", "403", "404", "408", "413", "415", "422", "502", "504", "500")) {
            responses.put(status, problem());
        }
        responses.put("429", retryLater("Busy: the service is at its limit of work in progress."));
        responses.put("503", retryLater("Not ready: starting, stopping, out of disk, or ImageMagick failed its check."));
        Map<String, Object> operation = new LinkedHashMap<>();
        // The flows that need the vision model are the ones whose availability is not a given.
        operation.put("tags", List.of(flow.availability() == FlowSpec.Availability.ALWAYS ? IMAGES_TAG : VISION_TAG));
        operation.put("summary", flow.summary() + (get ? " (GET form, signed address)" : ""));
        operation.put("parameters", query);
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> parameter(String name, String in, boolean required, String description,
                                                 Map<String, Object> schema) {
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("name", name);
        parameter.put("in", in);
        parameter.put("required", required);
        parameter.put("description", description);
        parameter.put("schema", schema);
        return parameter;
    }

    private static Map<String, Object> etagHeader() {
        return Map.of("description", "A strong tag of the image: the same input, flow, parameters and Darkroom give"
                + " the same tag and the same bytes.", "schema", Map.of("type", "string"));
    }

    private static Map<String, Object> cacheHeader() {
        return Map.of("description", "public, max-age=… for a signed GET; private otherwise.",
                "schema", Map.of("type", "string"));
    }

    private static Map<String, Object> imageResponses(List<String> outputTypes) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : outputTypes) {
            content.put(type, Map.of("schema", BINARY));
        }
        return content;
    }
}
