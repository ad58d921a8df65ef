package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import java.util.Map;
import java.util.function.Supplier;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coded errors as JSON-RPC errors, for the requests that are not tool calls (resources, prompts): the message reads
 * {@code "<code>: <sentence>"} like a failed tool's text, and {@code data} holds {@code {code, message}}.
 *
 * <p>The SDK answers any other exception with its message and the messages of its causes, which may name server
 * paths or Java types; {@link #guarded} lets none through.
 */
final class McpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(McpErrors.class);

    private McpErrors() {
    }

    /** {@code resource}: whether the request named a resource, whose {@code path_denied} is MCP's "not found". */
    static McpError of(DarkroomException error, boolean resource) {
        // A refused path is answered as a missing resource, so that the answer does not tell what exists outside
        // the roots.
        int code = switch (error.code()) {
            case PATH_DENIED -> resource ? ErrorCodes.RESOURCE_NOT_FOUND : ErrorCodes.INVALID_PARAMS;
            case INTERNAL -> ErrorCodes.INTERNAL_ERROR;
            default -> ErrorCodes.INVALID_PARAMS;
        };
        return McpError.builder(code).message(error.code().code() + ": " + error.publicMessage())
                .data(Map.of("code", error.code().code(), "message", error.publicMessage())).build();
    }

    /**
     * Runs {@code work}; whatever it throws becomes a coded error (as {@link #of}), logged with its detail under
     * {@code what}.
     */
    static <T> T guarded(String what, boolean resource, Supplier<T> work) {
        try {
            return work.get();
        } catch (McpError e) {
            throw e;
        } catch (DarkroomException e) {
            LOG.info("MCP {} refused: {}: {}", what, e.code().code(), LogText.of(e.detail()));
            throw of(e, resource);
        } catch (RuntimeException e) {
            LOG.error("MCP {} failed unexpectedly", what, e);
            throw of(new DarkroomException(ErrorCode.INTERNAL), resource);
        }
    }
}
