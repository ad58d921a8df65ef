package org.darkroom.vision.flows;

import java.util.Locale;
import java.util.Map;
import org.darkroom.vision.generate.Generation;

/** How a free-text answer is reported: the text without the model's leading space, its length, why it ended. */
final class GenerationRecord {
    private GenerationRecord() {
    }

    static Answer put(Map<String, Object> record, String field, Generation generation) {
        record.put(field, generation.text().strip());
        record.put("tokens", generation.tokens().length);
        // token_limit tells the caller the text was cut short, which the text alone cannot.
        record.put("stopped_by", generation.stopReason().name().toLowerCase(Locale.ROOT));
        return new Answer(record, generation.cacheLengths().size());
    }
}
