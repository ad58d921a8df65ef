package org.darkroom.doors;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.OriginServer;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.SwappablePolicy;

/**
 * The services the contract suite shares across its rows: one Darkroom in this JVM (drop folders, HTTP, MCP over
 * {@code /mcp}), one child serving MCP over stdio, both with the same limits, and an origin server for URLs.
 *
 * <p>The limits are set low so that each code can be provoked with a small input, and the policy folder can be
 * swapped under both services to make ImageMagick's periodic check fail.
 */
record ContractServices(Path dir, Path readRoot, Path outside, SwappablePolicy policy, OriginServer origin,
                        RunningDarkroom darkroom, McpSyncClient stdio, McpSyncClient mcpHttp) implements AutoCloseable {
    static final String API_KEY = "contract-key-7d41c9";
    /** Slow on purpose: an enlarged image blurred hard keeps ImageMagick busy well past the time limit. */
    static final String SLOW_OPERATIONS = "resize width=4000 upscale=true; blur sigma=40";
    static final int BYTE_LIMIT = 100 * 1024;

    /** What no answer may hold: any path of the test's (the data directories among them) and the API key. */
    Leaks leaks() {
        return new Leaks(List.of(dir.toString(), API_KEY));
    }

    static ContractServices start() throws Exception {
        Path dir = Files.createTempDirectory("darkroom-contract-");
        Path readRoot = Files.createDirectories(dir.resolve("read"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        SwappablePolicy policy = SwappablePolicy.in(dir.resolve("policy"));
        OriginServer origin = OriginServer.serving(Map.of("plain.jpg", "plain.jpg"));
        Map<String, String> settings = settings(readRoot, policy);
        // The child JVM takes longest to start, so it starts first and in parallel.
        CompletableFuture<McpSyncClient> stdio = CompletableFuture.supplyAsync(() -> McpClients.connect(
                McpClients.stdio(dir.resolve("stdio-data"), settings, dir.resolve("stdio.tap"),
                        dir.resolve("stdio.log")), progress -> { }));
        RunningDarkroom darkroom = null;
        try {
            int port = HttpClientSupport.freePort();
            Map<String, String> inProcess = new LinkedHashMap<>(settings);
            inProcess.put("darkroom.http.port", String.valueOf(port));
            inProcess.put("darkroom.http.api-keys", API_KEY);
            darkroom = RunningDarkroom.start(dir.resolve("data"), inProcess);
            McpSyncClient mcpHttp = McpClients.connect(HttpClientStreamableHttpTransport
                    .builder("http://127.0.0.1:" + port).endpoint("/mcp")
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + API_KEY))
                    .build(), progress -> { });
            return new ContractServices(dir, readRoot, outside, policy, origin, darkroom, stdio.join(), mcpHttp);
        } catch (Exception | Error e) {
            stdio.thenAccept(McpSyncClient::closeGracefully);
            if (darkroom != null) {
                darkroom.close();
            }
            origin.close();
            throw e;
        }
    }

    /** What both services run with: limits small enough to provoke, roots, the swappable policy, the slow inbox. */
    private static Map<String, String> settings(Path readRoot, SwappablePolicy policy) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("darkroom.limits.max-bytes", BYTE_LIMIT / 1024 + "KiB");
        settings.put("darkroom.limits.max-frames", "2");
        // The slow job's estimated work is far over the default; it must be allowed to start to run out of time.
        settings.put("darkroom.limits.max-work", "1000000000000");
        settings.put("darkroom.magick.timeout-ms", "2000");
        settings.put("darkroom.magick.policy-dir", policy.dir().toString());
        settings.put("darkroom.magick.recheck-ms", "200");
        settings.put("darkroom.max-in-flight", "1");
        settings.put("darkroom.mcp.read-roots", readRoot.toString());
        // The origin server is plain http on loopback; the cloud metadata address stays refused regardless.
        settings.put("darkroom.fetch.allow-http", "true");
        settings.put("darkroom.fetch.allow-private-addresses", "true");
        settings.put("darkroom.inbox.slow.flow", "transform");
        settings.put("darkroom.inbox.slow.operations", SLOW_OPERATIONS);
        return settings;
    }

    /** A client for the in-process HTTP door, sending the API key. */
    HttpClientSupport http() {
        return darkroom.http();
    }

    HttpRequest.Builder request(String path) {
        return http().request(path).header("Authorization", "Bearer " + API_KEY);
    }

    /** The in-process service's readiness status: 200, or 503 while ImageMagick fails its periodic check. */
    int readiness() {
        return http().send(http().request("/observe/health/ready").GET().build()).statusCode();
    }

    @Override
    public void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable step : List.<AutoCloseable>of(mcpHttp::closeGracefully, stdio::closeGracefully,
                darkroom, origin, () -> deleteTree(dir))) {
            try {
                step.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
