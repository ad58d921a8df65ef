package org.darkroom.mcp;

import java.util.Map;
import org.darkroom.flow.DarkroomException;

/**
 * What one flow call produced for an MCP caller: the job record plus the image (inline or written to a file), or a
 * coded error.
 *
 * @param requestId the job's id in the log and the record, or {@code null} when the call never became a job
 * @param record    the same record the other doors give (request_id, flow, parameters, input, output or result,
 *                  elapsed_ms)
 * @param image     the output image's bytes when it goes back inline, else {@code null}
 * @param mimeType  the output image's MIME type, or {@code null}
 * @param writtenTo the {@code output_path} as the caller gave it, when the image was written there
 * @param error     the failure, or {@code null} on success
 */
record ToolOutcome(String flow, String requestId, Map<String, Object> record, byte[] image, String mimeType,
                   String writtenTo, DarkroomException error) {

    /** A call refused before it became a job (a batch item of the wrong shape). */
    static ToolOutcome failure(String flow, DarkroomException error) {
        return failure(flow, null, error);
    }

    static ToolOutcome failure(String flow, String requestId, DarkroomException error) {
        return new ToolOutcome(flow, requestId, null, null, null, null, error);
    }

    boolean ok() {
        return error == null;
    }
}
