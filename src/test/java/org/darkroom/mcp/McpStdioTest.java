package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.McpClients;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The MCP contract over stdio, against a child JVM started with {@code --mcp} as an assistant would start it. */
class McpStdioTest extends McpContract {
    private Path tap;
    private Path log;

    @Override
    McpClientTransport transport(Path dataDir, Map<String, String> settings) throws Exception {
        tap = dir.resolve("stdout.tap");
        log = dir.resolve("stderr.log");
        return McpClients.stdio(dataDir, settings, tap, log);
    }

    @Override
    boolean deliversProgress() {
        return true;
    }

    /** Last: by now every other test's traffic has gone through stdout. */
    @Test
    @Order(Integer.MAX_VALUE)
    void stdout_carried_nothing_but_json_rpc_messages() throws Exception {
        List<String> lines = Files.readAllLines(tap);
        assertThat(lines).as("stdout of the MCP server").hasSizeGreaterThan(20);
        for (String line : lines) {
            assertThat(McpSchema.deserializeJsonRpcMessage(McpJsonDefaults.getMapper(), line))
                    .as(line.length() > 200 ? line.substring(0, 200) : line).isNotNull();
        }
        assertThat(Files.readString(log)).contains("Darkroom is ready (doors: mcp)");
    }
}
