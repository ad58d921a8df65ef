package org.darkroom.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of tagged operations, each with its own typed arguments.
 *
 * <p>Accepted as JSON ({@code [{"op":"resize","width":800},{"op":"grayscale"}]}) or, for configuration files
 * and file names, as compact text: {@code resize width=800; grayscale}.
 */
public record OperationList(Map<String, ParamSet> variants, int maxLength) implements ParamType {
    private static final ObjectMapper JSON = new ObjectMapper();

    public OperationList {
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    @Override
    public OperationList without(String value) {
        Map<String, ParamSet> narrowed = new LinkedHashMap<>();
        variants.forEach((op, arguments) -> narrowed.put(op, arguments.without(value)));
        return new OperationList(narrowed, maxLength);
    }

    @Override
    public Object parse(String name, Object raw) {
        List<?> items = raw instanceof List<?> list ? list : parseText(name, String.valueOf(raw));
        if (items.isEmpty() || items.size() > maxLength) {
            throw ParamType.bad(name, "a list of 1.." + maxLength + " operations", raw);
        }
        List<Operation> operations = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map) || !(map.get("op") instanceof String op)) {
                throw ParamType.bad(name, "a list of objects each naming its \"op\"", item);
            }
            ParamSet arguments = variants.get(op);
            if (arguments == null) {
                throw ParamType.bad(name + "[" + operations.size() + "].op", "one of " + describeValues(), op);
            }
            Map<String, Object> rest = new LinkedHashMap<>();
            map.forEach((key, value) -> rest.put(String.valueOf(key), value));
            rest.remove("op");
            operations.add(new Operation(op, arguments.parse(rest)));
        }
        return List.copyOf(operations);
    }

    private static List<?> parseText(String name, String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("[")) {
            try {
                return JSON.readValue(trimmed, List.class);
            } catch (JsonProcessingException e) {
                throw ParamType.bad(name, "a JSON array of operations", text);
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (String step : trimmed.split(";")) {
            String[] words = step.trim().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("op", words[0]);
            for (int i = 1; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                if (eq <= 0) {
                    throw ParamType.bad(name, "steps written as 'op key=value …' separated by ';'", step);
                }
                item.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
            items.add(item);
        }
        return items;
    }

    @Override
    public Map<String, Object> jsonSchema() {
        List<Map<String, Object>> oneOf = new ArrayList<>();
        variants.forEach((op, arguments) -> {
            Map<String, Object> variant = new LinkedHashMap<>(arguments.jsonSchema());
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) variant.get("properties"));
            properties.put("op", Map.of("const", op));
            List<String> required = new ArrayList<>(List.of("op"));
            @SuppressWarnings("unchecked")
            List<String> own = (List<String>) variant.getOrDefault("required", List.of());
            required.addAll(own);
            variant.put("properties", properties);
            variant.put("required", required);
            oneOf.add(variant);
        });
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "array");
        schema.put("minItems", 1);
        schema.put("maxItems", maxLength);
        schema.put("items", Map.of("oneOf", oneOf));
        return schema;
    }

    @Override
    public String describeValues() {
        return String.join(" | ", variants.keySet());
    }
}
