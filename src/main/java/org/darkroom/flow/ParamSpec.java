package org.darkroom.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One declared parameter: its name, type, default and the sentence that documents it everywhere.
 *
 * @param defaultValue the typed default, or {@code null} when the parameter has none
 * @param required     whether a caller must give it (a required parameter has no default)
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, boolean required, String description) {

    public ParamSpec {
        if (defaultValue != null) {
            defaultValue = type.parse(name, defaultValue);
        }
    }

    public static ParamSpec withDefault(String name, ParamType type, Object defaultValue, String description) {
        return new ParamSpec(name, type, defaultValue, false, description);
    }

    public static ParamSpec optional(String name, ParamType type, String description) {
        return new ParamSpec(name, type, null, false, description);
    }

    public static ParamSpec required(String name, ParamType type, String description) {
        return new ParamSpec(name, type, null, true, description);
    }

    /** This parameter as a JSON Schema property: the type's fragment plus description and default. */
    /** This parameter without {@code value} among its choices. */
    public ParamSpec without(String value) {
        return new ParamSpec(name, type.without(value), defaultValue, required, description);
    }

    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>(type.jsonSchema());
        schema.put("description", description);
        if (defaultValue != null) {
            schema.put("default", defaultValue);
        }
        return schema;
    }
}
