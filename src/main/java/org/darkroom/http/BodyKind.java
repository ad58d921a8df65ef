package org.darkroom.http;

import java.util.Locale;

/** How a body is received, decided from the path and the Content-Type before any of it is read. */
enum BodyKind {
    /** The image itself as the body. */
    RAW,
    /** {@code multipart/form-data}: one file part is streamed to disk, fields are small. */
    MULTIPART,
    /** A flow request as JSON: a URL and parameters, so small. */
    JSON,
    /** A JSON-RPC message to {@code /mcp}, which may carry an image as base64. */
    MCP;

    static BodyKind of(String path, String contentType) {
        if (path.startsWith("/mcp")) {
            return MCP;
        }
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (media) {
            case "multipart/form-data" -> MULTIPART;
            case "application/json" -> JSON;
            default -> RAW;
        };
    }
}
