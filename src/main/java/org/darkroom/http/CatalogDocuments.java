package org.darkroom.http;

import static org.darkroom.http.OpenApiParts.BINARY;
import static org.darkroom.http.OpenApiParts.BY_URL;
import static org.darkroom.http.OpenApiParts.FORM;
import static org.darkroom.http.OpenApiParts.WITH_IMAGE;
import static org.darkroom.http.OpenApiParts.content;
import static org.darkroom.http.OpenApiParts.problem;
import static org.darkroom.http.OpenApiParts.recordName;
import static org.darkroom.http.OpenApiParts.ref;
import static org.darkroom.http.OpenApiParts.schemaName;
import static org.darkroom.http.OpenApiParts.withRequestId;

import static org.darkroom.flow.JsonSchema.arrayOf;
import static org.darkroom.flow.JsonSchema.described;
import static org.darkroom.flow.JsonSchema.object;
import static org.darkroom.flow.JsonSchema.props;
import static org.darkroom.flow.JsonSchema.type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.RecordSchema;
import org.darkroom.intake.ImageType;

/**
 * The catalog as HTTP documents: the {@code GET /v1/flows} listing and the OpenAPI 3.1 description, both
 * generated from the flow declarations, so a new flow appears in them with no door code.
 */
final class CatalogDocuments {
    private static final String CATALOG_TAG = "catalog";
    private static final String CATALOG_SCHEMA = "Catalog";

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
            Map<String, Object> operations = new LinkedHashMap<>();
            operations.put("post", FlowOperations.post(flow, outputTypes));
            operations.put("get", FlowOperations.get(flow, outputTypes));
            paths.put("/v1/flows/" + flow.name(), operations);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Darkroom", "version", version,
                "description", "Image flows: checked by their bytes, processed by ImageMagick under a strict policy.",
                "license", Map.of("name", "Apache-2.0", "identifier", "Apache-2.0")));
        // Relative: the document describes the server that serves it, whatever its address.
        document.put("servers", List.of(Map.of("url", "/", "description", "This Darkroom")));
        document.put("tags", List.of(
                Map.of("name", FlowOperations.IMAGES_TAG, "description", "Image flows, which need no vision model."),
                Map.of("name", FlowOperations.VISION_TAG, "description", "Flows that need the vision model installed."),
                Map.of("name", CATALOG_TAG, "description", "What this installation offers.")));
        document.put("paths", paths);
        document.put("components", Map.of(
                "securitySchemes", Map.of(FlowOperations.API_KEY, Map.of("type", "http", "scheme", "bearer"),
                        FlowOperations.SIGNED_ADDRESS, Map.of("type", "apiKey", "in", "query",
                                "name", SignedUrls.SIGNATURE, "description", "The address's HMAC-SHA256 signature;"
                                        + " see the GET operations.")),
                "schemas", schemas(catalog)));
        document.put("security", List.of(Map.of(FlowOperations.API_KEY, List.of())));
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
