package org.darkroom.flow;

/**
 * The stable codes every door reports; their names are a public contract and never change meaning.
 *
 * <p>Each code carries the default sentence a user sees when no more specific one is given. Doors map a
 * code once (an HTTP status, an MCP error result, a {@code failed/} record); nothing else about an error
 * leaves the process.
 */
public enum ErrorCode {
    EMPTY_INPUT("The input is empty. Send the whole image file."),
    UNSUPPORTED_TYPE("The bytes are not an image type Darkroom accepts. Send JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC, AVIF, SVG, JPEG XL or a camera raw (DNG, CR2, CR3, NEF, ARW, PEF, ORF, RW2, RAF)."),
    TYPE_MISMATCH("The file name says one image type but the bytes are another. Rename the file to match its contents."),
    TOO_LARGE("The input is larger than the configured byte limit. Send a smaller file or raise the limit."),
    TOO_MANY_PIXELS("The image has more pixels than the configured limit. Send a smaller image or raise the limit."),
    TOO_MANY_FRAMES("The image has more frames or pages than the configured limit. Send fewer frames or raise the limit."),
    UNDECODABLE("The image could not be decoded; it may be truncated or corrupt. Send a complete, valid file."),
    POLICY_DENIED("ImageMagick's security policy refused this input or operation. Send a plain raster image."),
    NOT_A_FILE("This is not a regular file (a folder, pipe, socket, device or broken link). Put image files in the drop folder."),
    BAD_NAME("The file name cannot be carried through: it is too long, holds a backslash, or is not valid UTF-8. Rename the file."),
    BAD_PARAMETER("A parameter is missing or out of range. Check the flow's parameters and their bounds."),
    UNKNOWN_FLOW("No flow has that name. List the flows to see what is available."),
    NOT_FOUND("Nothing is served at this path. GET /openapi.json lists every endpoint."),
    METHOD_NOT_ALLOWED("This path does not take that method. The Allow header lists the methods it takes."),
    PATH_DENIED("The path is outside the places Darkroom may read or write. Use a path inside a configured root."),
    FETCH_BLOCKED("The URL is not allowed: only public https addresses can be fetched. Send the image itself or a public URL."),
    FETCH_FAILED("The URL could not be fetched. Check that it is reachable and returns an image."),
    UNAUTHORIZED("A valid API key is required. Send it as 'Authorization: Bearer <key>'."),
    NOT_READY("Darkroom is starting or stopping, its disk is full, or its ImageMagick check failed. Retry shortly;"
            + " if it persists, read the log."),
    TIMEOUT("Processing took longer than the configured time limit. Send a smaller image or raise the limit."),
    BUSY("Darkroom is at its limit of work in progress. Retry shortly."),
    MODEL_MISSING("No vision model is installed, so the vision flows are off. Run './darkroom fetch-model' and restart."),
    UNSUPPORTED("The installed vision model cannot do this. Use a model bundle whose config has the skill."),
    PROCESSING_FAILED("ImageMagick failed to process the image. Check that the image opens in another viewer."),
    INTERNAL("Darkroom hit an internal error. The log has the detail; report it if it persists.");

    private final String defaultMessage;

    ErrorCode(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    /** The code as it appears on the wire: lower snake case, e.g. {@code too_many_pixels}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The sentence shown when the failure site has nothing more specific to say. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
