package org.darkroom.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/** Free text of bounded length, with control characters refused. */
public record Text(int minLength, int maxLength) implements ParamType {

    @Override
    public Object parse(String name, Object raw) {
        String value = String.valueOf(raw);
        if (value.length() < minLength || value.length() > maxLength
                || value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ParamType.bad(name, "text of " + describeValues(), raw);
        }
        return value;
    }

    @Override
    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put("minLength", minLength);
        schema.put("maxLength", maxLength);
        return schema;
    }

    @Override
    public String describeValues() {
        return minLength + ".." + maxLength + " characters";
    }
}
