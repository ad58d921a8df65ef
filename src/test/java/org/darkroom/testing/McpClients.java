package org.darkroom.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.darkroom.Darkroom;

/** The MCP SDK's own client against Darkroom: over stdio (a child JVM run with {@code --mcp}) or Streamable HTTP. */
public final class McpClients {
    private McpClients() {
    }

    public static McpClientTransport http(int port) {
        return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp").build();
    }

    /**
     * A child Darkroom serving MCP over stdio, started the way an assistant starts it. Its raw stdout also goes to
     * {@code tap} (through {@code tee}, outside the JVM, so the file holds every byte the process wrote) and its
     * stderr lines to {@code log}.
     *
     * <p>stderr stays connected to the client: the SDK's client takes the end of the server's stderr for the end of
     * the server and stops sending.
     */
    public static McpClientTransport stdio(Path dataDir, Map<String, String> settings, Path tap, Path log) {
        List<String> args = new ArrayList<>(List.of("-c", "exec \"$0\" \"$@\" > >(tee -a \"$MCP_TEST_TAP\")"));
        args.addAll(command(dataDir, settings));
        ServerParameters server = ServerParameters.builder("/bin/bash").args(args)
                .env(Map.of("MCP_TEST_TAP", tap.toString())).build();
        StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> append(log, line));
        return transport;
    }

    private static synchronized void append(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java … org.darkroom.Darkroom --mcp --set …} with the test settings plus {@code settings}. */
    public static List<String> command(Path dataDir, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Ddarkroom.home=" + Samples.projectDir(),
                "-cp", System.getProperty("java.class.path"), Darkroom.class.getName(), "--mcp"));
        RunningDarkroom.testSettings(dataDir).forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        return command;
    }

    /** An initialized client; generous timeouts, since a child JVM checks ImageMagick before it answers. */
    public static McpSyncClient connect(McpClientTransport transport,
                                        Consumer<McpSchema.ProgressNotification> progress) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).progressConsumer(progress).build();
        client.initialize();
        return client;
    }
}
