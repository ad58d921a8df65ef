package org.darkroom.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validated, typed parameter values of one request; absent optional parameters are simply missing. */
public final class FlowParameters {
    private final Map<String, Object> values;

    public FlowParameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The same values with {@code name} set to {@code value} (already valid for its parameter). */
    public FlowParameters with(String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(name, value);
        return new FlowParameters(changed);
    }

    public Optional<Integer> integer(String name) {
        return Optional.ofNullable((Integer) values.get(name));
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    @SuppressWarnings("unchecked")
    public List<Operation> operations(String name) {
        return (List<Operation>) values.getOrDefault(name, List.of());
    }

    /** The values as plain JSON-able data (operations become name + arguments maps), for records and logs. */
    public Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((name, value) -> json.put(name, value instanceof List<?> list
                ? list.stream().map(item -> item instanceof Operation op ? op.asJson() : item).toList()
                : value));
        return json;
    }

    @Override
    public String toString() {
        return asJson().toString();
    }
}
