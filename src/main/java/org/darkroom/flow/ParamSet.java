package org.darkroom.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An ordered set of parameters that parses a raw name→value map as a whole. */
public record ParamSet(List<ParamSpec> specs) {

    public ParamSet {
        specs = List.copyOf(specs);
    }

    public static ParamSet of(ParamSpec... specs) {
        return new ParamSet(List.of(specs));
    }

    /**
     * Validates every given value, fills defaults, and refuses unknown names and missing required ones.
     *
     * @param raw values as strings or JSON values; {@code null} values count as absent
     */
    public FlowParameters parse(Map<String, ?> raw) {
        Set<String> unknown = new TreeSet<>(raw.keySet());
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            unknown.remove(spec.name());
            Object given = raw.get(spec.name());
            if (given != null && !(given instanceof String s && s.isBlank())) {
                values.put(spec.name(), spec.type().parse(spec.name(), given));
            } else if (spec.defaultValue() != null) {
                values.put(spec.name(), spec.defaultValue());
            } else if (spec.required()) {
                throw new DarkroomException(ErrorCode.BAD_PARAMETER,
                        "Parameter '" + spec.name() + "' is required: " + spec.description());
            }
        }
        if (!unknown.isEmpty()) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "Unknown parameter '" + unknown.iterator().next()
                    + "'. " + (specs.isEmpty() ? "This flow takes no parameters."
                    : "Known parameters: " + String.join(", ", names()) + "."));
        }
        return new FlowParameters(values);
    }

    /** The values parameter {@code name} may take when it is a choice (a flow's {@code format}); else none. */
    public List<String> choices(String name) {
        return specs.stream().filter(spec -> spec.name().equals(name) && spec.type() instanceof Choice)
                .findFirst().map(spec -> ((Choice) spec.type()).values()).orElse(List.of());
    }

    /** These parameters without {@code value} among any of their choices. */
    public ParamSet without(String value) {
        return new ParamSet(specs.stream().map(spec -> spec.without(value)).toList());
    }

    public List<String> names() {
        return specs.stream().map(ParamSpec::name).toList();
    }

    /** The set as a JSON Schema object with one property per parameter and no others allowed. */
    public Map<String, Object> jsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ParamSpec spec : specs) {
            properties.put(spec.name(), spec.jsonSchema());
            if (spec.required()) {
                required.add(spec.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
