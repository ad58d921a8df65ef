package org.darkroom.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/** One validated step of an {@link OperationList}: the operation's name and its typed arguments. */
public record Operation(String name, FlowParameters arguments) {

    public Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", name);
        json.putAll(arguments.asJson());
        return json;
    }
}
