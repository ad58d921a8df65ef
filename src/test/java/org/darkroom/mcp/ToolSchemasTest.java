package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.testing.Catalogs;
import org.junit.jupiter.api.Test;

/**
 * The generated schemas are valid JSON Schema 2020-12 to the SDK's own validator, and they agree with the parameter
 * parser the door really uses: what the schema refuses, the door refuses with {@code bad_parameter}.
 */
class ToolSchemasTest {
    private static final FlowCatalog CATALOG = Catalogs.withoutModel();
    private static final ToolSchemas SCHEMAS = new ToolSchemas(50L << 20);
    private static final JsonSchemaValidator VALIDATOR = McpJsonDefaults.getSchemaValidator();

    @Test
    void every_schema_is_valid_json_schema() {
        for (FlowSpec flow : CATALOG.all()) {
            assertThat(VALIDATOR.validateSchema(SCHEMAS.flowInput(flow)).valid()).as(flow.name()).isTrue();
        }
        assertThat(VALIDATOR.validateSchema(SCHEMAS.batchInput(CATALOG, 10)).valid()).isTrue();
        for (FlowSpec flow : CATALOG.all()) {
            assertThat(VALIDATOR.validateSchema(ToolSchemas.output(flow)).valid()).as(flow.name()).isTrue();
        }
        assertThat(VALIDATOR.validateSchema(ToolSchemas.batchOutput()).valid()).isTrue();
    }

    @Test
    void schema_and_door_accept_and_refuse_the_same_arguments() {
        FlowSpec thumbnail = CATALOG.get("thumbnail");
        FlowSpec transform = CATALOG.get("transform");
        accepted(thumbnail, Map.of("path", "/p/photo.jpg", "width", 100, "format", "webp"));
        accepted(transform, Map.of("data", "AAAA", "operations", List.of(Map.of("op", "crop", "width", 10,
                "height", 10), Map.of("op", "grayscale"))));
        refused(thumbnail, Map.of("path", "/p/photo.jpg", "width", 0));
        refused(thumbnail, Map.of("path", "/p/photo.jpg", "width", "big"));
        refused(thumbnail, Map.of("path", "/p/photo.jpg", "format", "bmp"));
        refused(thumbnail, Map.of("path", "/p/photo.jpg", "colour", "red"));
        refused(transform, Map.of("data", "AAAA", "operations", List.of(Map.of("op", "explode"))));
        refused(CATALOG.get("convert"), Map.of("path", "/p/photo.jpg"));
    }

    @Test
    void outputs_validate_a_record_or_an_error_but_not_nothing() {
        Map<String, Object> resized = Map.of("request_id", "r1", "flow", "resize", "parameters", Map.of(),
                "input", Map.of("type", "jpeg", "bytes", 10, "width", 1, "height", 1, "frames", 1, "sha256", "ab"),
                "output", Map.of("type", "jpeg", "bytes", 9, "width", 1, "height", 1), "elapsed_ms", 3,
                "darkroom_version", "1");
        Map<String, Object> output = ToolSchemas.output(CATALOG.get("resize"));
        assertThat(VALIDATOR.validate(output, resized).valid()).isTrue();
        assertThat(VALIDATOR.validate(output, Map.of("code", "bad_parameter", "message", "m")).valid()).isTrue();
        assertThat(VALIDATOR.validate(output, Map.of()).valid()).isFalse();
        Map<String, Object> misnamed = new LinkedHashMap<>(resized);
        misnamed.put("flow", "thumbnail");
        assertThat(VALIDATOR.validate(output, misnamed).valid()).as("another flow's record").isFalse();
        Map<String, Object> untyped = new LinkedHashMap<>(resized);
        untyped.put("output", Map.of("type", "jpeg", "bytes", "nine", "width", 1, "height", 1));
        assertThat(VALIDATOR.validate(output, untyped).valid()).as("bytes as text").isFalse();
        assertThat(VALIDATOR.validate(ToolSchemas.batchOutput(), Map.of("flow", "thumbnail", "total", 1,
                "succeeded", 0, "failed", 1, "items", List.of(Map.of("index", 0, "ok", false, "code", "path_denied",
                        "message", "m")))).valid()).isTrue();
    }

    private static void accepted(FlowSpec flow, Map<String, Object> arguments) {
        assertThat(VALIDATOR.validate(SCHEMAS.flowInput(flow), arguments).valid()).as(arguments.toString()).isTrue();
        flow.params().parse(ToolRequest.of(flow, arguments).params());
    }

    private static void refused(FlowSpec flow, Map<String, Object> arguments) {
        assertThat(VALIDATOR.validate(SCHEMAS.flowInput(flow), new LinkedHashMap<>(arguments)).valid())
                .as(arguments.toString()).isFalse();
        assertThatThrownBy(() -> flow.params().parse(ToolRequest.of(flow, arguments).params()))
                .isInstanceOfSatisfying(DarkroomException.class,
                        e -> assertThat(e.code().code()).isEqualTo("bad_parameter"));
    }
}
