package org.darkroom.http;

import static org.darkroom.flow.JsonSchema.arrayOf;
import static org.darkroom.flow.JsonSchema.described;
import static org.darkroom.flow.JsonSchema.object;
import static org.darkroom.flow.JsonSchema.props;
import static org.darkroom.flow.JsonSchema.type;

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
import org.darkroom.flow.RecordSchema;
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
    private static final String CATALOG_SCHEMA = "Catalog";
    private static final String WITH_IMAGE = "WithImage";
    private static final String FORM = "Form";
    private static final String BY_URL = "ByUrl";

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
        listResponses.put("200", withRequestId(content("The catalog.", "application/json", ref(CATALOG_SCHEMA))));
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
                "description", "Image flows: checked by their bytes, processed by ImageMagick under a strict policy.",
                "license", Map.of("name", "Apache-2.0", "identifier", "Apache-2.0")));
        // Relative: the document describes the server that serves it, whatever its address.
        document.put("servers", List.of(Map.of("url", "/", "description", "This Darkroom")));
        document.put("tags", List.of(
                Map.of("name", IMAGES_TAG, "description", "Image flows, which need no vision model."),
                Map.of("name", VISION_TAG, "description", "Flows that need the vision model installed."),
                Map.of("name", CATALOG_TAG, "description", "What this installation offers.")));
        document.put("paths", paths);
        document.put("components", Map.of(
                "securitySchemes", Map.of("apiKey", Map.of("type", "http", "scheme", "bearer")),
                "schemas", schemas(catalog)));
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
        Map<String, Object> requestContent = new LinkedHashMap<>();
        for (String type : INPUT_TYPES) {
            requestContent.put(type, Map.of("schema", BINARY));
        }
        requestContent.put("multipart/form-data", Map.of("schema", ref(schemaName(flow, FORM))));

        Map<String, Object> ok = flow.output().hasImage()
                // The JSON answer is described, not declared: a generated client asks for JSON alone when a response
                // offers it, and would never get the image.
                ? Map.of("description", "The image; the job record (" + recordName(flow) + ") is in the "
                        + HttpDoor.RESULT_HEADER + " header. When Accept weighs application/json above the image, the"
                        + " answer is instead one JSON document, " + recordName(flow) + WITH_IMAGE + ", with the image"
                        + " base64-encoded.",
                        "headers", Map.of(HttpDoor.RESULT_HEADER, Map.of("description", "The job record ("
                                + recordName(flow) + "), as JSON in plain ASCII.", "schema", Map.of("type", "string")),
                                RequestId.HEADER, requestIdHeader()),
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
        operation.put("operationId", flow.name());
        // The flows that need the vision model are the ones whose availability is not a given.
        operation.put("tags", List.of(flow.availability() == FlowSpec.Availability.ALWAYS ? IMAGES_TAG : VISION_TAG));
        operation.put("summary", flow.summary());
        // The JSON form is described, not declared: client generators pick JSON over every other body type when an
        // operation offers it, and would then send every image as a JSON string.
        operation.put("description", flow.summary() + " Send the image as the body (any accepted type, or"
                + " application/octet-stream) or as the file part of a form, parameters in the query or the form."
                + " Or send application/json naming an https url and the parameters (schema " + schemaName(flow, BY_URL)
                + "). The input's type is read from its bytes.");
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
        return content;
    }

    /** The named schemas: each flow's record (and, for image flows, the record with the image), the catalog. */
    private static Map<String, Object> schemas(FlowCatalog catalog) {
        Map<String, Object> schemas = new LinkedHashMap<>();
        for (FlowSpec flow : catalog.all()) {
            schemas.put(schemaName(flow, FORM), form(flow));
            schemas.put(schemaName(flow, BY_URL), byUrl(flow));
            Map<String, Object> record = RecordSchema.of(flow);
            schemas.put(recordName(flow), record);
            if (flow.output().hasImage()) {
                schemas.put(recordName(flow) + WITH_IMAGE, withImage(record));
            }
        }
        schemas.put(CATALOG_SCHEMA, catalogSchema());
        schemas.put("Problem", problemSchema());
        return schemas;
    }

    /** {@code ThumbnailRecord}: what a generated client calls the record of {@code thumbnail}. */
    private static String recordName(FlowSpec flow) {
        return schemaName(flow, "Record");
    }

    /** Named, so a generated client gets a class of that name rather than an inline one it may misname. */
    private static String schemaName(FlowSpec flow, String what) {
        return Character.toUpperCase(flow.name().charAt(0)) + flow.name().substring(1) + what;
    }

    /** The multipart form: the image as its file part, the parameters as fields. */
    private static Map<String, Object> form(FlowSpec flow) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("file", BINARY);
        properties.putAll(declared(flow));
        return object(properties, "file");
    }

    /** The JSON request: the image's address and the parameters. */
    private static Map<String, Object> byUrl(FlowSpec flow) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("url", Map.of("type", "string", "format", "uri",
                "description", "An https address of the image to fetch."));
        properties.putAll(declared(flow));
        return object(properties, "url");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> declared(FlowSpec flow) {
        return (Map<String, Object>) flow.params().jsonSchema().get("properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withImage(Map<String, Object> record) {
        Map<String, Object> data = described("string", "The image, base64-encoded.");
        data.put("contentEncoding", "base64");
        Map<String, Object> image = object(props("mime_type", type("string"), "data", data), "mime_type", "data");
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) record.get("properties"));
        properties.put("image", image);
        List<String> required = new ArrayList<>((List<String>) record.get("required"));
        required.add("image");
        return object(properties, required.toArray(String[]::new));
    }

    private static Map<String, Object> catalogSchema() {
        Map<String, Object> flow = object(props(
                "name", type("string"),
                "summary", type("string"),
                "output", described("string", "What the flow gives back: image, json, or image_and_json."),
                "path", described("string", "Where to POST an image to run it."),
                "parameters", described("object", "The JSON Schema of its parameters.")),
                "name", "summary", "output", "path", "parameters");
        return object(props("flows", arrayOf(flow, "Every flow this installation offers.")), "flows");
    }

    private static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
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
