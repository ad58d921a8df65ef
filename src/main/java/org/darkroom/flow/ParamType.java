package org.darkroom.flow;

import java.util.Map;

/**
 * The closed set of parameter types a flow may declare; each parses raw input and describes itself as JSON Schema.
 *
 * <p>Doors never parse parameters themselves: inbox settings, HTTP fields and MCP arguments all go through
 * {@link #parse}, and OpenAPI, MCP schemas and the README table all come from {@link #jsonSchema}.
 */
public sealed interface ParamType permits IntRange, Choice, Flag, Text, OperationList {

    /**
     * Turns a raw value (a string from a file name, query or property, or a JSON value) into the typed value.
     *
     * @throws DarkroomException with {@link ErrorCode#BAD_PARAMETER} naming {@code name} when it does not fit
     */
    Object parse(String name, Object raw);

    /** This type as a JSON Schema fragment (without description or default; {@link ParamSpec} adds those). */
    Map<String, Object> jsonSchema();

    /** A short human description of the accepted values, e.g. {@code 1..8192} or {@code jpeg | png}. */
    String describeValues();

    /** This type without {@code value} among its choices (a format this installation cannot write), at any depth. */
    default ParamType without(String value) {
        return this;
    }

    static DarkroomException bad(String name, String expected, Object raw) {
        String shown = String.valueOf(raw);
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "…";
        }
        return new DarkroomException(ErrorCode.BAD_PARAMETER,
                "Parameter '" + name + "' must be " + expected + " (got '" + shown + "').");
    }
}
