package org.darkroom.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.ParamSpec;

/**
 * The catalog as HTTP documents: the {@code GET /v1/flows} listing and the OpenAPI 3.1 description, both
 * generated from the flow declarations, so a new flow appears in them with no door code.
 */
final class CatalogDocuments {
    private static final List<String> IMAGE_TYPES = List.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "image/tiff", "image/bmp", "image/heic", "image/avif");

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
        paths.put("/v1/flows", Map.of("get", Map.of("operationId", "listFlows",
                "summary", "List the flows, their parameters and outputs.",
                "responses", Map.of("200", content("The catalog.", "application/json", Map.of("type", "object")),
                        "401", problem()))));
        for (FlowSpec flow : catalog.all()) {
            paths.put("/v1/flows/" + flow.name(), Map.of("post", operation(flow)));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Darkroom", "version", version,
                "description", "Image flows: checked by their bytes, processed by ImageMagick under a strict policy."));
        document.put("paths", paths);
        document.put("components", Map.of(
                "securitySchemes", Map.of("apiKey", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Problem", problemSchema())));
        document.put("security", List.of(Map.of("apiKey", List.of())));
        return document;
    }

    private static Map<String, Object> operation(FlowSpec flow) {
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
        multipartProperties.put("file", Map.of("type", "string", "contentMediaType", "application/octet-stream"));
        @SuppressWarnings("unchecked")
        Map<String, Object> declared = (Map<String, Object>) params.get("properties");
        multipartProperties.putAll(declared);
        Map<String, Object> urlProperties = new LinkedHashMap<>();
        urlProperties.put("url", Map.of("type", "string", "format", "uri",
                "description", "An https address of the image to fetch."));
        urlProperties.putAll(declared);

        Map<String, Object> requestContent = new LinkedHashMap<>();
        for (String type : IMAGE_TYPES) {
            requestContent.put(type, Map.of("schema", Map.of("type", "string", "contentMediaType", type)));
        }
        requestContent.put("multipart/form-data", Map.of("schema", Map.of("type", "object",
                "properties", multipartProperties, "required", List.of("file"))));
        requestContent.put("application/json", Map.of("schema", Map.of("type", "object",
                "properties", urlProperties, "required", List.of("url"))));

        Map<String, Object> ok = flow.output().hasImage()
                ? Map.of("description", "The image; the job record is in the X-Darkroom-Result header, or the whole"
                        + " answer is JSON with the image base64-encoded when Accept is application/json.",
                        "content", imageResponses())
                : content("The result.", "application/json", Map.of("type", "object"));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", ok);
        for (String status : List.of("400", "401", "403", "404", "413", "415", "422", "429", "502", "503", "504")) {
            responses.put(status, problem());
        }
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", flow.name());
        operation.put("summary", flow.summary());
        operation.put("parameters", query);
        operation.put("requestBody", Map.of("required", true, "content", requestContent));
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> imageResponses() {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : IMAGE_TYPES) {
            content.put(type, Map.of("schema", Map.of("type", "string", "contentMediaType", type)));
        }
        content.put("application/json", Map.of("schema", Map.of("type", "object")));
        return content;
    }

    private static Map<String, Object> content(String description, String type, Map<String, Object> schema) {
        return Map.of("description", description, "content", Map.of(type, Map.of("schema", schema)));
    }

    private static Map<String, Object> problem() {
        return Map.of("description", "A problem: the stable code and a sentence saying what to do.",
                "content", Map.of(Problems.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : List.of("type", "title", "detail", "instance", "code")) {
            properties.put(name, Map.of("type", "string"));
        }
        properties.put("status", Map.of("type", "integer"));
        return Map.of("type", "object", "properties", properties);
    }
}
