package org.darkroom.flow;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a flow hands back to its door: an optional image file and a JSON-able record.
 *
 * @param image          the output image in the job's private work directory, or {@code null} for JSON-only flows
 * @param imageExtension the file extension of the output type (e.g. {@code webp}), or {@code null}
 * @param imageMimeType  the MIME type of the output, or {@code null}
 * @param record         for image flows, a description of the written image (type, bytes, width, height); for
 *                       JSON flows, the result itself. Never holds server paths.
 */
public record FlowResult(Path image, String imageExtension, String imageMimeType, Map<String, Object> record) {

    public boolean hasImage() {
        return image != null;
    }
}
