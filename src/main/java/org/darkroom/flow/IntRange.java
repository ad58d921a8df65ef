package org.darkroom.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/** An integer within inclusive bounds. */
public record IntRange(int min, int max) implements ParamType {

    @Override
    public Object parse(String name, Object raw) {
        long value;
        if (raw instanceof Number number && !(raw instanceof Double || raw instanceof Float)) {
            value = number.longValue();
        } else if (raw instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            value = (long) number.doubleValue();
        } else {
            try {
                value = Long.parseLong(String.valueOf(raw).trim());
            } catch (NumberFormatException e) {
                throw ParamType.bad(name, "a whole number in " + describeValues(), raw);
            }
        }
        if (value < min || value > max) {
            throw ParamType.bad(name, "a whole number in " + describeValues(), raw);
        }
        return (int) value;
    }

    @Override
    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "integer");
        schema.put("minimum", min);
        schema.put("maximum", max);
        return schema;
    }

    @Override
    public String describeValues() {
        return min + ".." + max;
    }
}
