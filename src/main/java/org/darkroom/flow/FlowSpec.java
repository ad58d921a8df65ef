package org.darkroom.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The single declaration of a flow: every door (inbox folders, HTTP, MCP) is generated from these fields.
 *
 * @param name    the flow's name, lower case, used in paths, tool names and configuration keys
 * @param summary one sentence that says what the flow does
 * @param params  the typed parameters it accepts
 * @param output  whether it produces an image, JSON, or both
 * @param route    the Camel endpoint that runs it, e.g. {@code direct:magick-flow}
 * @param toolName the name an AI assistant calls it by, saying what it does: {@code thumbnail_image},
 *                 {@code image_info}
 * @param availability whether the flow can run now; doors ask before any intake work, so a flow whose model is
 *                 not installed fails fast with the same code through every door
 * @param result   the JSON Schema of what the job record holds under {@code output} (flows with an image) or
 *                 {@code result} (JSON flows), which the doors publish to typed clients ({@link RecordSchema})
 */
public record FlowSpec(String name, String summary, ParamSet params, OutputKind output, String route,
                       String toolName, Availability availability, Map<String, Object> result) {

    /** Throws the {@link DarkroomException} that says why a flow cannot run at the moment; silent when it can. */
    @FunctionalInterface
    public interface Availability {
        Availability ALWAYS = () -> { };

        void require();
    }

    /** A flow whose result is the usual one: the image written, or a JSON object said no more about. */
    public FlowSpec(String name, String summary, ParamSet params, OutputKind output, String route, String toolName,
                    Availability availability) {
        this(name, summary, params, output, route, toolName, availability,
                output.hasImage() ? RecordSchema.imageOutput() : JsonSchema.type("object"));
    }

    /** A flow that can always run. */
    public FlowSpec(String name, String summary, ParamSet params, OutputKind output, String route, String toolName) {
        this(name, summary, params, output, route, toolName, Availability.ALWAYS);
    }
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** A flow whose tool name is its name plus {@code _image}, e.g. {@code resize_image}. */
    public FlowSpec(String name, String summary, ParamSet params, OutputKind output, String route) {
        this(name, summary, params, output, route, name + "_image");
    }

    public FlowSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Flow names are lower-case words: " + name);
        }
        Objects.requireNonNull(summary);
        Objects.requireNonNull(params);
        Objects.requireNonNull(output);
        Objects.requireNonNull(route);
        Objects.requireNonNull(availability);
        result = Collections.unmodifiableMap(new LinkedHashMap<>(result));
        if (!NAME.matcher(toolName).matches()) {
            throw new IllegalArgumentException("Tool names are lower-case words: " + toolName);
        }
    }

    /** This flow without {@code value} among any of its parameters' choices (a format the installation lacks). */
    public FlowSpec without(String value) {
        return new FlowSpec(name, summary, params.without(value), output, route, toolName, availability, result);
    }

    /** This flow, saying exactly what its record holds under {@code output} or {@code result}. */
    public FlowSpec withResult(Map<String, Object> schema) {
        return new FlowSpec(name, summary, params, output, route, toolName, availability, schema);
    }

    /** Doors call this once they know the flow, before reading or fetching the input. */
    public void requireAvailable() {
        availability.require();
    }
}
