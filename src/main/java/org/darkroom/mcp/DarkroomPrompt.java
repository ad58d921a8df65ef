package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;

/** One prompt an assistant can offer its user: its definition, and the messages it becomes for given arguments. */
interface DarkroomPrompt {
    Prompt definition();

    /**
     * The messages for {@code arguments}, already checked against {@link #definition()}'s.
     *
     * @throws org.darkroom.flow.DarkroomException with a stable code when an argument cannot be used
     */
    GetPromptResult get(PromptArguments arguments);
}
