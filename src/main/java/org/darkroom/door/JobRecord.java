package org.darkroom.door;

import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.BatchPlace;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.Version;
import org.darkroom.intake.AcceptedImage;

/**
 * The record of one job, the same at every door: which request, on which node, what was asked, what came in, what went
 * out (and, for a drop-folder file that shared an ImageMagick process, its place in that batch), how long it took.
 *
 * <p>The drop folder writes it as {@code <name>.json}; HTTP sends it in {@code X-Darkroom-Result} or the JSON
 * answer; MCP returns it as structured content. It never holds a server path.
 */
public final class JobRecord {
    private JobRecord() {
    }

    public static Map<String, Object> of(String requestId, String node, String flow, FlowParameters params,
                                         AcceptedImage input, FlowResult result, BatchPlace batch,
                                         long elapsedMillis) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("request_id", requestId);
        record.put("node", node);
        record.put("flow", flow);
        record.put("parameters", params.asJson());
        Map<String, Object> in = new LinkedHashMap<>();
        if (input.originalName() != null) {
            in.put("name", input.originalName());
        }
        in.put("type", input.sourceType().coder());
        in.put("bytes", input.bytes());
        in.put("width", input.header().width());
        in.put("height", input.header().height());
        in.put("frames", input.header().frames());
        in.put("sha256", input.sha256());
        record.put("input", in);
        record.put(result.hasImage() ? "output" : "result", result.record());
        if (batch != null) {
            record.put("batch", batch.asJson());
        }
        record.put("elapsed_ms", elapsedMillis);
        record.put("darkroom_version", Version.current());
        return record;
    }
}
