package org.darkroom.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowSpec;

/**
 * A tool call's arguments split three ways: where the image comes from, where the result should go, and the
 * flow's own parameters.
 *
 * <p>"Exactly one of path, url or data" is checked here rather than in the JSON Schema: a top-level {@code oneOf}
 * would say it precisely, but Claude's API (and Bedrock, Vertex and Azure OpenAI) reject tools whose input schema
 * has {@code oneOf}/{@code anyOf}/{@code allOf} at the top level, and clients then drop the tool or the session.
 *
 * @param source     the image source
 * @param outputPath the caller's {@code output_path}, or {@code null} to get the image back inline
 * @param params     everything else, for the flow's parameter set to parse
 */
record ToolRequest(Source source, String outputPath, Map<String, Object> params) {
    /** Argument names the MCP door adds to every flow's own parameters. */
    static final Set<String> DOOR_ARGUMENTS = Set.of("path", "url", "data", OutputFile.ARGUMENT);

    /** Where the image comes from. */
    enum Kind {
        PATH("path"), URL("url"), DATA("data");

        final String argument;

        Kind(String argument) {
            this.argument = argument;
        }
    }

    /** One image source: its kind and the argument's text. */
    record Source(Kind kind, String value) {
        /** How the item is named in summaries: the path or URL the caller gave; never the data itself. */
        String label() {
            return kind == Kind.DATA ? "data (" + value.length() + " characters)" : value;
        }
    }

    static ToolRequest of(FlowSpec flow, Map<String, Object> arguments) {
        Map<String, Object> params = new LinkedHashMap<>(arguments == null ? Map.of() : arguments);
        List<Source> sources = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String value = text(params.remove(kind.argument), kind.argument);
            if (value != null) {
                sources.add(new Source(kind, value));
            }
        }
        String outputPath = text(params.remove(OutputFile.ARGUMENT), OutputFile.ARGUMENT);
        if (sources.size() != 1) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "Give the image as exactly one of path (a file),"
                    + " url (an https address) or data (base64); " + (sources.isEmpty() ? "none was given."
                    : "several were given: " + String.join(", ", sources.stream().map(s -> s.kind().argument)
                    .toList()) + "."));
        }
        if (outputPath != null && !flow.output().hasImage()) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, flow.toolName() + " answers with JSON and writes"
                    + " no file; leave out output_path.");
        }
        return new ToolRequest(sources.get(0), outputPath, params);
    }

    private static String text(Object value, String argument) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, argument + " must be a non-empty string.");
        }
        return text;
    }
}
