package org.darkroom.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.darkroom.door.RequestId;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.ParamSpec;
import org.darkroom.intake.ImageType;

/**
 * The catalog as HTTP documents: the {@code GET /v1/flows} listing and the OpenAPI 3.1 description, both
 * generated from the flow declarations, so a new flow appears in them with no door code.
 */
final class CatalogDocuments {
    /**
     * Request bodies: plain binary first, because client generators use the first type for every upload (a
     * generated client that sent {@code image/jpeg} for all of them had every PNG refused as a mismatch); then
     * each accepted type, for callers that say what they send.
     */
    private static final List<String> INPUT_TYPES = inputTypes();
    private static final Map<String, Object> BINARY = Map.of("type", "string", "format", "binary");
    private static final String IMAGES_TAG = "images";
    private static final String VISION_TAG = "vision";
    private static final String CATALOG_TAG = "catalog";

    private CatalogDocuments() {
    }

    static Map<String, Object> listing(FlowCatalog catalog) {
        List<Map<String, Object>> flows = new ArrayList<>();
        for (FlowSpec flow : catalog.all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", flow.name());
            entry.put("summary", flow.summary());
            entry.put("output", flow.output().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("path", "/v1/flows/" + flow.name());
            entry.put("parameters", flow.params().jsonSchema());
            flows.add(entry);
        }
        return Map.of("flows", flows);
    }

    private static List<String> inputTypes() {
        Set<String> types = new LinkedHashSet<>(List.of("application/octet-stream"));
        Arrays.stream(ImageType.values()).map(ImageType::mimeType).forEach(types::add);
        return List.copyOf(types);
    }

    static Map<String, Object> openApi(FlowCatalog catalog, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> listResponses = new LinkedHashMap<>();
        listResponses.put("200", withRequestId(content("The catalog.", "application/json", Map.of("type", "object"))));
        listResponses.put("401", problem());
        listResponses.put("500", problem());
        paths.put("/v1/flows", Map.of("get", Map.of("operationId", "listFlows", "tags", List.of(CATALOG_TAG),
                "summary", "List the flows, their parameters and outputs.",
                "description", "Every flow this installation offers, with the JSON Schema of its parameters: the"
                        + " same catalog the drop folders and the MCP tools are made from.",
                "responses", listResponses)));
        paths.put("/v1/inboxes", Map.of("get", inboxesOperation()));
        List<String> outputTypes = outputTypes(catalog);
        for (FlowSpec flow : catalog.all()) {
            paths.put("/v1/flows/" + flow.name(), Map.of("post", operation(flow, outputTypes)));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Darkroom", "version", version,
                "description", "Image flows: checked by their bytes, processed by ImageMagick under a strict policy."));
        // Relative: the document describes the server that serves it, whatever its address.
        document.put("servers", List.of(Map.of("url", "/", "description", "This Darkroom")));
        document.put("tags", List.of(
                Map.of("name", IMAGES_TAG, "description", "Image flows, which need no vision model."),
                Map.of("name", VISION_TAG, "description", "Flows that need the vision model installed."),
                Map.of("name", CATALOG_TAG, "description", "What this installation offers.")));
        document.put("paths", paths);
        document.put("components", Map.of(
                "securitySchemes", Map.of("apiKey", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Problem", problemSchema())));
        document.put("security", List.of(Map.of("apiKey", List.of())));
        return document;
    }

    /** Every type a flow may answer with here: the values of the catalog's {@code format} parameters. */
    private static List<String> outputTypes(FlowCatalog catalog) {
        Set<String> types = new LinkedHashSet<>();
        for (FlowSpec flow : catalog.all()) {
            flow.params().choices("format").stream().map(ImageType::fromName).flatMap(Optional::stream)
                    .map(ImageType::mimeType).forEach(types::add);
        }
        return List.copyOf(types);
    }

    private static Map<String, Object> operation(FlowSpec flow, List<String> outputTypes) {
        Map<String, Object> params = flow.params().jsonSchema();
        List<Map<String, Object>> query = new ArrayList<>();
        for (ParamSpec spec : flow.params().specs()) {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", spec.name());
            parameter.put("in", "query");
            parameter.put("required", false);
            parameter.put("description", spec.description());
            parameter.put("schema", spec.jsonSchema());
            query.add(parameter);
        }
        Map<String, Object> multipartProperties = new LinkedHashMap<>();
        multipartProperties.put("file", BINARY);
        @SuppressWarnings("unchecked")
        Map<String, Object> declared = (Map<String, Object>) params.get("properties");
        multipartProperties.putAll(declared);
        Map<String, Object> urlProperties = new LinkedHashMap<>();
        urlProperties.put("url", Map.of("type", "string", "format", "uri",
                "description", "An https address of the image to fetch."));
        urlProperties.putAll(declared);

        Map<String, Object> requestContent = new LinkedHashMap<>();
        for (String type : INPUT_TYPES) {
            requestContent.put(type, Map.of("schema", BINARY));
        }
        requestContent.put("multipart/form-data", Map.of("schema", Map.of("type", "object",
                "properties", multipartProperties, "required", List.of("file"))));
        requestContent.put("application/json", Map.of("schema", Map.of("type", "object",
                "properties", urlProperties, "required", List.of("url"))));

        Map<String, Object> ok = flow.output().hasImage()
                ? Map.of("description", "The image; the job record is in the X-Darkroom-Result header, or the whole"
                        + " answer is JSON with the image base64-encoded when Accept is application/json.",
                        "headers", Map.of(HttpDoor.RESULT_HEADER, Map.of("description", "The job record, as JSON in"
                                + " plain ASCII.", "schema", Map.of("type", "string")), RequestId.HEADER, requestIdHeader()),
                        "content", imageResponses(outputTypes))
                : withRequestId(content("The result.", "application/json", Map.of("type", "object")));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", ok);
        for (String status : List.of("400", "401", "403", "404", "408", "413", "415", "422", "502", "504", "500")) {
            responses.put(status, problem());
        }
        responses.put("429", retryLater("Busy: the service is at its limit of work in progress."));
        responses.put("503", retryLater("Not ready: starting, stopping, out of disk, or ImageMagick failed its check."));
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", flow.name());
        // The flows that need the vision model are the ones whose availability is not a given.
        operation.put("tags", List.of(flow.availability() == FlowSpec.Availability.ALWAYS ? IMAGES_TAG : VISION_TAG));
        operation.put("summary", flow.summary());
        operation.put("description", flow.summary() + " Send the image as the body (any accepted type, or"
                + " application/octet-stream), as the file part of a form, or as an https url in JSON; parameters go"
                + " in the query, the form or the JSON. The input's type is read from its bytes.");
        operation.put("parameters", query);
        operation.put("requestBody", Map.of("required", true, "content", requestContent));
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> imageResponses(List<String> outputTypes) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : outputTypes) {
            content.put(type, Map.of("schema", BINARY));
        }
        content.put("application/json", Map.of("schema", Map.of("type", "object")));
        return content;
    }

    private static Map<String, Object> content(String description, String type, Map<String, Object> schema) {
        return Map.of("description", description, "content", Map.of(type, Map.of("schema", schema)));
    }

    private static Map<String, Object> problem() {
        return Map.of("description", "A problem: the stable code and a sentence saying what to do.",
                "headers", Map.of(RequestId.HEADER, requestIdHeader()),
                "content", Map.of(Problems.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
    }

    private static Map<String, Object> retryLater(String why) {
        return Map.of("description", why + " Retry after the seconds Retry-After gives.",
                "headers", Map.of(RequestId.HEADER, requestIdHeader(), "Retry-After", Map.of("description",
                        "Seconds to wait before retrying.", "schema", Map.of("type", "integer"))),
                "content", Map.of(Problems.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
    }

    private static Map<String, Object> withRequestId(Map<String, Object> response) {
        Map<String, Object> withHeader = new LinkedHashMap<>(response);
        withHeader.put("headers", Map.of(RequestId.HEADER, requestIdHeader()));
        return withHeader;
    }

    private static Map<String, Object> requestIdHeader() {
        return Map.of("description", "The request's id: the caller's own X-Request-Id when it sent a valid one, as"
                + " in Darkroom's log line and the job record.", "schema", Map.of("type", "string"));
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : List.of("type", "title", "detail", "instance", "code")) {
            properties.put(name, Map.of("type", "string"));
        }
        properties.put("status", Map.of("type", "integer"));
        return Map.of("type", "object", "properties", properties);
    }

    /** {@code GET /v1/inboxes}: the drop folders' counts and latest failures ({@link InboxListing}). */
    private static Map<String, Object> inboxesOperation() {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", withRequestId(content("Per inbox: its flow, inputs waiting, done and failed (a count"
                + " named in capped reached count_limit), and its latest failures.", "application/json",
                Map.of("type", "object"))));
        responses.put("401", problem());
        responses.put("500", problem());
        return Map.of("operationId", "listInboxes", "tags", List.of(CATALOG_TAG),
                "summary", "What the drop folders hold, and their latest failures.",
                "description", "Counts are bounded: a folder is counted up to count_limit names, and only the"
                        + " failure_limit latest error records are read. Empty when this process watches no folders.",
                "responses", responses);
    }
}
