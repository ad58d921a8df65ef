package org.darkroom.http;

import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * The byte caps of request bodies, counted while they are read, and how long a body may stop moving.
 *
 * @param imageBytes    a raw image body: intake's byte limit ({@code darkroom.limits.max-bytes})
 * @param serverBytes   a multipart or MCP body: the server's cap ({@code camel.server.max-body-size})
 * @param idleTimeoutMs how long a body may send nothing before the request is cut
 *                      ({@code darkroom.http.body-idle-timeout-ms})
 */
record BodyLimits(long imageBytes, long serverBytes, long idleTimeoutMs) {
    /** A JSON flow request holds a URL and parameters; anything bigger is not one. */
    static final long JSON_BYTES = 64 * 1024;

    long cap(BodyKind kind) {
        return switch (kind) {
            case RAW -> imageBytes;
            case JSON -> JSON_BYTES;
            case MULTIPART, MCP -> serverBytes;
        };
    }

    DarkroomException tooLarge(BodyKind kind) {
        return new DarkroomException(ErrorCode.TOO_LARGE, switch (kind) {
            case RAW -> "The input is larger than the limit of " + imageBytes
                    + " bytes. Send a smaller file or raise darkroom.limits.max-bytes.";
            case JSON -> "A JSON request holds a url and parameters and may be at most " + JSON_BYTES
                    + " bytes. Send the image itself as the body or as a multipart upload.";
            case MULTIPART, MCP -> "The request body is larger than the server accepts. Send a smaller file, or raise"
                    + " camel.server.max-body-size together with darkroom.limits.max-bytes.";
        });
    }
}
