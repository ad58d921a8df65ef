package org.darkroom.flow;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every flow Darkroom offers, by name; the one list all doors are generated from. */
public final class FlowCatalog {
    private final Map<String, FlowSpec> flows = new LinkedHashMap<>();

    public FlowCatalog(List<FlowSpec> specs) {
        for (FlowSpec spec : specs) {
            if (flows.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("Flow declared twice: " + spec.name());
            }
        }
    }

    /** The flow with this name, or {@link ErrorCode#UNKNOWN_FLOW} listing the names that exist. */
    public FlowSpec get(String name) {
        FlowSpec spec = flows.get(name);
        if (spec == null) {
            throw new DarkroomException(ErrorCode.UNKNOWN_FLOW,
                    "No flow is named '" + name + "'. Flows: " + String.join(", ", flows.keySet()) + ".");
        }
        return spec;
    }

    public Collection<FlowSpec> all() {
        return Collections.unmodifiableCollection(flows.values());
    }

    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(flows.keySet());
    }
}
