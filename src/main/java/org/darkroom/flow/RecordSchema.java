package org.darkroom.flow;

import static org.darkroom.flow.JsonSchema.described;
import static org.darkroom.flow.JsonSchema.object;
import static org.darkroom.flow.JsonSchema.props;
import static org.darkroom.flow.JsonSchema.type;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Schema of a flow's job record (see {@code door.JobRecord}), typed per flow: its own parameters and its
 * own result. The OpenAPI document and the MCP tools' output schemas are both made from it, so a generated client
 * and an assistant read the same shape the drop folder writes.
 *
 * <p>The schemas allow properties they do not name: a client generated today keeps working when a record gains a
 * field. The tests hold the records to the schemas with no such allowance, so the schemas name every field.
 */
public final class RecordSchema {
    private RecordSchema() {
    }

    /** What the record says of an image a flow wrote. */
    public static Map<String, Object> imageOutput() {
        return object(imageOutputProperties(), "type", "bytes", "width", "height");
    }

    /** The properties of {@link #imageOutput()}, for a flow whose output says more (annotate's boxes). */
    public static Map<String, Object> imageOutputProperties() {
        return props(
                "type", described("string", "The type written, by ImageMagick's name: jpeg, png, webp, avif, gif,"
                        + " tiff or jxl."),
                "bytes", type("integer"),
                "width", type("integer"),
                "height", type("integer"),
                "frames", described("integer", "Present when the image has more than one frame."));
    }

    /** The record of one job of {@code flow}. */
    public static Map<String, Object> of(FlowSpec flow) {
        Map<String, Object> parameters = flow.params().jsonSchema();
        parameters.put("description", "The parameters the flow ran with, defaults filled in.");
        parameters.remove("additionalProperties");
        String outcome = flow.output().hasImage() ? "output" : "result";
        Map<String, Object> result = new LinkedHashMap<>(flow.result());
        result.put("description", flow.output().hasImage() ? "The image written." : "What the flow found.");
        Map<String, Object> flowName = described("string", "The flow that ran.");
        flowName.put("const", flow.name());
        Map<String, Object> schema = object(props(
                "request_id", described("string", "The request's id, as Darkroom's log names it."),
                "node", described("string", "The Darkroom instance that ran the job."),
                "flow", flowName,
                "parameters", parameters,
                "input", input(),
                outcome, result,
                "batch", batch(),
                "elapsed_ms", type("integer"),
                "darkroom_version", type("string")),
                "request_id", "flow", "parameters", "input", outcome, "elapsed_ms", "darkroom_version");
        return schema;
    }

    private static Map<String, Object> batch() {
        Map<String, Object> batch = object(props("size", type("integer"), "index", type("integer")), "size", "index");
        batch.put("description", "Drop folders only: the job shared one ImageMagick process with size - 1 others.");
        return batch;
    }

    private static Map<String, Object> input() {
        return object(props(
                "name", described("string", "The file name the image arrived with, if it had one."),
                "type", described("string", "The type read from its bytes, by ImageMagick's name: jpeg, png, gif,"
                        + " webp, tiff, bmp, heic, avif, svg, raw or jxl."),
                "bytes", type("integer"),
                "width", type("integer"),
                "height", type("integer"),
                "frames", type("integer"),
                "sha256", described("string", "The SHA-256 of the bytes received, in hex.")),
                "type", "bytes", "width", "height", "frames", "sha256");
    }
}
