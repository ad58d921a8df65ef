package org.darkroom.mcp;

import java.util.Map;
import org.darkroom.flow.DarkroomException;

/**
 * What one flow call produced for an MCP caller: the job record plus the image (inline or written to a file), or a
 * coded error.
 *
 * @param record    the same record the other doors give (flow, parameters, input, output or result, elapsed_ms)
 * @param image     the output image's bytes when it goes back inline, else {@code null}
 * @param mimeType  the output image's MIME type, or {@code null}
 * @param writtenTo the {@code output_path} as the caller gave it, when the image was written there
 * @param error     the failure, or {@code null} on success
 * @param structured whether the record goes back as structured content next to the image, for flows whose
 *                  result is an image and data (annotate: the image and its boxes)
 */
record ToolOutcome(String flow, Map<String, Object> record, byte[] image, String mimeType, String writtenTo,
                   DarkroomException error, boolean structured) {

    static ToolOutcome failure(String flow, DarkroomException error) {
        return new ToolOutcome(flow, null, null, null, null, error, false);
    }

    boolean ok() {
        return error == null;
    }
}
