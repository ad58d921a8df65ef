package org.darkroom.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a job stood in the batch it ran in: one ImageMagick process for {@code size} files, this one the
 * {@code index}-th (from 0). The job's record shows it as {@code batch: {size, index}}.
 */
public record BatchPlace(int size, int index) {

    public BatchPlace {
        if (size < 2 || index < 0 || index >= size) {
            throw new IllegalArgumentException("a batch of " + size + " has no place " + index);
        }
    }

    public Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", size);
        json.put("index", index);
        return json;
    }
}
