package org.darkroom.flow;

import java.util.Map;

/** A boolean; accepts JSON booleans and the words true/false, yes/no, 1/0. */
public record Flag() implements ParamType {

    @Override
    public Object parse(String name, Object raw) {
        if (raw instanceof Boolean value) {
            return value;
        }
        return switch (String.valueOf(raw).trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw ParamType.bad(name, "true or false", raw);
        };
    }

    @Override
    public Map<String, Object> jsonSchema() {
        return Map.of("type", "boolean");
    }

    @Override
    public String describeValues() {
        return "true | false";
    }
}
