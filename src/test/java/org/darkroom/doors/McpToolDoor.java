package org.darkroom.doors;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.mcp.McpAssertions;
import org.darkroom.testing.Catalogs;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;

/**
 * The MCP door over one transport, driven by the SDK's own client: each provocation as a tool call with a path in
 * the read root (or a URL), each refusal as an {@code isError} result with its code and sentence. {@code endpoint}
 * is the {@code /mcp} endpoint, for what the HTTP transport answers before any tool runs; empty over stdio.
 */
record McpToolDoor(String name, McpSyncClient client, ContractServices services, Optional<HttpClientSupport> endpoint)
        implements Door {
    private static final FlowCatalog CATALOG = Catalogs.withoutModel();
    /** {@link ContractServices#SLOW_OPERATIONS} as the JSON list an MCP client sends. */
    private static final List<Map<String, Object>> SLOW = List.of(
            Map.of("op", "resize", "width", 4000, "upscale", true), Map.of("op", "blur", "sigma", 40));

    @Override
    public Optional<String> assertRefuses(Provocation provocation, ErrorCode code) throws Exception {
        if (provocation instanceof Provocation.NoKey && endpoint.isPresent()) {
            // Refused before the JSON-RPC layer: the HTTP door's own rendering, on the same server.
            HttpResponse<byte[]> answer = endpoint.get().send(endpoint.get().request("/mcp")
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build());
            return Optional.of(ProblemAnswers.assertProblem(answer, code, services.leaks()));
        }
        CallToolResult result = answer(provocation);
        McpAssertions.error(result, code.code(), services.dir().toString());
        String text = McpAssertions.text(result);
        services.leaks().assertNoneIn(text);
        services.leaks().assertNoneIn(String.valueOf(result.structuredContent()));
        // The text is "<code>: <sentence>", the sentence also under "message" for clients that read structure.
        assertThat(text).isEqualTo(code.code() + ": " + McpAssertions.structured(result).get("message"));
        return Optional.of(text.substring(code.code().length() + 2));
    }

    private CallToolResult answer(Provocation provocation) throws Exception {
        if (provocation instanceof Provocation.Image image) {
            Map<String, Object> arguments = new LinkedHashMap<>(image.params());
            arguments.put("path", inReadRoot(image.file(), image.name()).toString());
            return call(CATALOG.get(image.flow()).toolName(), arguments);
        }
        if (provocation instanceof Provocation.UnknownFlow unknown) {
            // A tool name the server does not list is a protocol error; batch_process names flows as data.
            return call("batch_process", Map.of("flow", unknown.flow(), "items",
                    List.of(Map.of("path", inReadRoot(Samples.get("plain.jpg"), "plain.jpg").toString()))));
        }
        if (provocation instanceof Provocation.Url url) {
            return call("thumbnail_image", Map.of("url", url.url()));
        }
        if (provocation instanceof Provocation.OutsideRoot) {
            Path secret = Files.copy(Samples.get("plain.jpg"), services.outside().resolve("secret.jpg"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path link = services.readRoot().resolve("link-out.jpg");
            Files.deleteIfExists(link);
            // Inside the root by its name, outside by where it leads: following it must not count as inside.
            return call("thumbnail_image", Map.of("path", Files.createSymbolicLink(link, secret).toString()));
        }
        if (provocation instanceof Provocation.Slow) {
            return slow();
        }
        if (provocation instanceof Provocation.OneTooMany) {
            return oneTooMany();
        }
        if (provocation instanceof Provocation.WhileNotReady) {
            return whileNotReady();
        }
        throw Door.cannotExpress(name, provocation);
    }

    private CallToolResult slow() throws Exception {
        return call("transform_image", Map.of("path", inReadRoot(Samples.get("plain.jpg"), "plain.jpg").toString(),
                "operations", SLOW));
    }

    private CallToolResult oneTooMany() throws Exception {
        Map<String, Object> quick = quick();
        return OneTooMany.provoke(() -> {
            try {
                return slow();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> call("image_info", quick), answer -> Boolean.TRUE.equals(answer.isError()));
    }

    private CallToolResult whileNotReady() throws Exception {
        Map<String, Object> quick = quick();
        services.policy().weaken();
        try {
            List<CallToolResult> answers = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                answers.add(call("image_info", quick));
                return Boolean.TRUE.equals(answers.get(answers.size() - 1).isError());
            });
            return answers.get(answers.size() - 1);
        } finally {
            services.policy().restore();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> !Boolean.TRUE.equals(call("image_info", quick).isError()));
        }
    }

    private Map<String, Object> quick() throws Exception {
        return Map.of("path", inReadRoot(Samples.get("plain.jpg"), "plain.jpg").toString());
    }

    private Path inReadRoot(Path file, String fileName) throws Exception {
        return Files.copy(file, services.readRoot().resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }
}
