package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import java.util.Map;
import java.util.stream.Collectors;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * A {@code prompts/get} request's arguments, checked against the prompt's declaration: every required one present
 * and not blank, none that the prompt does not take. The SDK checks neither.
 */
final class PromptArguments {
    private final Map<String, Object> values;

    private PromptArguments(Map<String, Object> values) {
        this.values = values;
    }

    static PromptArguments check(Prompt prompt, Map<String, Object> given) {
        Map<String, Object> values = given == null ? Map.of() : given;
        for (String name : values.keySet()) {
            if (prompt.arguments().stream().noneMatch(argument -> argument.name().equals(name))) {
                throw new DarkroomException(ErrorCode.BAD_PARAMETER, "The prompt " + prompt.name() + " takes no"
                        + " argument '" + shortened(name) + "'; it takes " + names(prompt) + ".");
            }
        }
        PromptArguments arguments = new PromptArguments(values);
        for (PromptArgument argument : prompt.arguments()) {
            if (Boolean.TRUE.equals(argument.required()) && arguments.text(argument.name()) == null) {
                throw new DarkroomException(ErrorCode.BAD_PARAMETER, "The prompt " + prompt.name() + " needs the"
                        + " argument " + argument.name() + ": " + argument.description());
            }
        }
        return arguments;
    }

    /** The argument's text, trimmed, or {@code null} when it was not given or is blank. */
    String text(String name) {
        Object value = values.get(name);
        String text = value == null ? "" : value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    String text(String name, String otherwise) {
        String text = text(name);
        return text == null ? otherwise : text;
    }

    private static String names(Prompt prompt) {
        return prompt.arguments().stream().map(PromptArgument::name).collect(Collectors.joining(", "));
    }

    private static String shortened(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
