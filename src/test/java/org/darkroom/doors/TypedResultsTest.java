package org.darkroom.doors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.darkroom.http.HttpDoor;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The result schemas published to clients (the OpenAPI document's records, the MCP tools' output schemas) describe
 * what every flow really answers, field for field: each real answer validates against its flow's schema with no
 * property left unnamed (the published schemas allow unknown properties, for clients generated before a field is
 * added; here they are held tight), and a wrong type in any field would fail.
 */
class TypedResultsTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(TinyModel.settings("tiny-point.mf.gz"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaValidator VALIDATOR = McpJsonDefaults.getSchemaValidator();
    /** Each flow with parameters that make it do its work, by flow name. */
    private static final Map<String, String> QUERIES = Map.of(
            "thumbnail", "width=40", "resize", "width=50", "convert", "format=png",
            "transform", "operations=grayscale", "info", "", "caption", "", "query", "question=Which%20colour%3F",
            "detect", "object=dot", "point", "object=dot", "annotate", "object=dot");
    private static JsonNode schemas;

    @BeforeAll
    static void readTheDocument() {
        schemas = HttpClientSupport.json(SERVICE.http().send(SERVICE.http().request("/openapi.json").GET().build()))
                .at("/components/schemas");
    }

    @Test
    void every_flows_http_answer_is_what_the_openapi_document_says() throws Exception {
        assertThat(QUERIES.keySet()).as("every flow is tried").containsExactlyInAnyOrderElementsOf(flowNames());
        for (Map.Entry<String, String> flow : QUERIES.entrySet()) {
            String name = flow.getKey();
            String record = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Record";
            String path = "/v1/flows/" + name + "?" + flow.getValue();
            HttpResponse<byte[]> asJson = SERVICE.http().send(SERVICE.http().request(path)
                    .header("Accept", "application/json").header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofFile(Samples.get("plain.jpg"))).build());
            assertThat(asJson.statusCode()).as(name + ": " + new String(asJson.body())).isEqualTo(200);
            boolean image = schemas.has(record + "WithImage");
            assertValid(schemas.get(image ? record + "WithImage" : record), JSON.readValue(asJson.body(), Map.class),
                    name);
            if (image) {
                HttpResponse<byte[]> plain = SERVICE.http().postRaw(path, Samples.get("plain.jpg"), "image/jpeg");
                assertThat(plain.statusCode()).isEqualTo(200);
                String header = plain.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow();
                assertValid(schemas.get(record), JSON.readValue(header, Map.class), name + " header");
            }
        }
    }

    @Test
    void every_tools_structured_content_is_what_its_output_schema_says() throws Exception {
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get("plain.jpg")));
        try (McpSyncClient client = McpClients.connect(McpClients.http(SERVICE.darkroom().port()), progress -> { })) {
            Map<String, String> toolFlows = new HashMap<>();
            for (Tool tool : client.listTools().tools()) {
                if (tool.name().equals("batch_process")) {
                    continue;
                }
                String flow = JSON.valueToTree(tool.outputSchema()).at("/properties/flow/const").asText();
                toolFlows.put(tool.name(), flow);
                Map<String, Object> arguments = new LinkedHashMap<>(arguments(QUERIES.get(flow)));
                arguments.put("data", data);
                CallToolResult result = client.callTool(new CallToolRequest(tool.name(), arguments));
                assertThat(result.isError()).as(tool.name() + ": " + result.content()).isFalse();
                assertValid(JSON.valueToTree(tool.outputSchema()), result.structuredContent(), tool.name());
            }
            assertThat(toolFlows.values()).as("a tool for every flow").containsExactlyInAnyOrderElementsOf(flowNames());
        }
    }

    private static List<String> flowNames() {
        JsonNode flows = HttpClientSupport.json(SERVICE.http().send(SERVICE.http().request("/v1/flows").GET().build()))
                .at("/flows");
        return StreamSupport.stream(flows.spliterator(), false).map(f -> f.at("/name").asText())
                .toList();
    }

    private static Map<String, Object> arguments(String query) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            String value = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            arguments.put(parts[0], value.matches("\\d+") ? (Object) Integer.parseInt(value) : value);
        }
        if (arguments.containsKey("operations")) {
            arguments.put("operations", List.of(Map.of("op", arguments.get("operations"))));
        }
        return arguments;
    }

    @SuppressWarnings("unchecked")
    private static void assertValid(JsonNode schema, Object answer, String what) {
        Map<String, Object> tight = tight(JSON.convertValue(schema, Map.class));
        var validation = VALIDATOR.validate(tight, answer);
        assertThat(validation.valid()).as(what + ": " + validation.errorMessage() + "\n" + answer).isTrue();
    }

    /** The schema with every object closed to properties it does not name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> tight(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>();
        schema.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map ? tight((Map<String, Object>) map)
                : value instanceof List<?> list ? list.stream().map(item -> item instanceof Map<?, ?> m
                        ? tight((Map<String, Object>) m) : item).toList() : value));
        if ("object".equals(copy.get("type")) && copy.get("properties") instanceof Map) {
            copy.putIfAbsent("additionalProperties", false);
        }
        return copy;
    }
}
