package org.darkroom.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small builders for the JSON Schemas the doors publish (tool schemas, the OpenAPI document). They build plain maps,
 * mutable and in declaration order, so callers can add a {@code required} list or an example to what they get.
 */
public final class JsonSchema {
    private JsonSchema() {
    }

    public static Map<String, Object> type(String type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        return schema;
    }

    public static Map<String, Object> described(String type, String description) {
        Map<String, Object> schema = type(type);
        schema.put("description", description);
        return schema;
    }

    /** An object with these properties, of which {@code required} must be present. */
    public static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> schema = type("object");
        schema.put("properties", properties);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        return schema;
    }

    public static Map<String, Object> arrayOf(Map<String, Object> items, String description) {
        Map<String, Object> schema = described("array", description);
        schema.put("items", items);
        return schema;
    }

    /** Properties from alternating names and schemas, in that order. */
    public static Map<String, Object> props(Object... namesAndSchemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        return properties;
    }
}
