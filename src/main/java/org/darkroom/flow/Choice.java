package org.darkroom.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One of a fixed list of lower-case words. */
public record Choice(List<String> values) implements ParamType {

    public static Choice of(String... values) {
        return new Choice(List.of(values));
    }

    @Override
    public Object parse(String name, Object raw) {
        String value = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
        if (!values.contains(value)) {
            throw ParamType.bad(name, "one of " + describeValues(), raw);
        }
        return value;
    }

    @Override
    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put("enum", values);
        return schema;
    }

    @Override
    public Choice without(String value) {
        return new Choice(values.stream().filter(v -> !v.equals(value)).toList());
    }

    @Override
    public String describeValues() {
        return String.join(" | ", values);
    }
}
