package org.darkroom.jxl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.darkroom.testing.HttpClientSupport;

/** The values a flow's parameter may take, as {@code GET /v1/flows} lists them. */
final class FormatChoices {
    private FormatChoices() {
    }

    static List<String> of(HttpClientSupport http, String flow, String parameter) {
        JsonNode flows = HttpClientSupport.json(http.send(http.request("/v1/flows").GET().build()));
        for (JsonNode entry : flows.has("flows") ? flows.get("flows") : flows) {
            if (entry.path("name").asText().equals(flow)) {
                List<String> values = new ArrayList<>();
                entry.at("/parameters/properties/" + parameter + "/enum").forEach(v -> values.add(v.asText()));
                return values;
            }
        }
        throw new AssertionError("no flow " + flow + " in " + flows);
    }
}
