package org.darkroom.inbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.FlowResult;
import org.darkroom.intake.AcceptedImage;

/** The sidecar written next to each result: what was asked, what came in, what went out, and how long it took. */
final class JobRecord {
    private JobRecord() {
    }

    static Map<String, Object> of(InboxBinding binding, AcceptedImage input, FlowResult result, long elapsedMillis) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("flow", binding.flow().name());
        record.put("inbox", binding.name());
        record.put("parameters", binding.params().asJson());
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", input.originalName());
        in.put("type", input.type().coder());
        in.put("bytes", input.bytes());
        in.put("width", input.header().width());
        in.put("height", input.header().height());
        in.put("frames", input.header().frames());
        in.put("sha256", input.sha256());
        record.put("input", in);
        record.put(result.hasImage() ? "output" : "result", result.record());
        record.put("elapsed_ms", elapsedMillis);
        return record;
    }
}
