package org.darkroom.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One service per data directory within one JVM as across processes: a stopped or failed service lets the next one
 * start, a second live one is refused, and a stdio MCP server may run beside the service.
 */
class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void services_started_one_after_another_on_one_data_directory_all_start() throws Exception {
        for (int i = 0; i < 2; i++) {
            try (RunningDarkroom ignored = RunningDarkroom.start(dir, Map.of())) {
                assertThat(Files.readString(dir.resolve(DataDirLock.FILE)))
                        .startsWith("PID " + ProcessHandle.current().pid() + " on host ");
            }
        }
    }

    @Test
    void a_second_live_service_is_refused_and_the_first_keeps_the_directory() throws Exception {
        try (RunningDarkroom first = RunningDarkroom.start(dir, Map.of())) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> RunningDarkroom.start(dir, Map.of())).isInstanceOf(StartupRefusal.class)
                        .hasMessageContaining("is in use by another Darkroom instance (PID "
                                + ProcessHandle.current().pid());
            }
            first.data().drop("info", Samples.get("plain.jpg"), "still-served.jpg");
            first.data().awaitAccounted("info", 1, Duration.ofSeconds(30));
            assertThat(DataDir.inputs(first.data().archive("info"))).containsExactly("still-served.jpg");
        }
        RunningDarkroom.start(dir, Map.of()).close();
    }

    @Test
    void a_start_that_fails_after_taking_the_lock_lets_go_of_it() throws Exception {
        assertThatThrownBy(() -> RunningDarkroom.start(dir, Map.of("darkroom.model",
                TinyModel.bundle("tiny.mf").toString()))).hasMessageContaining("--model-sha256");
        RunningDarkroom.start(dir, Map.of()).close();
    }

    @Test
    void a_stdio_mcp_server_runs_beside_the_service_and_leaves_the_work_area_clean() throws Exception {
        try (RunningDarkroom service = RunningDarkroom.start(dir.resolve("data"), Map.of())) {
            McpSyncClient client = McpClients.connect(McpClients.stdio(dir.resolve("data"), Map.of(),
                    dir.resolve("tap.log"), dir.resolve("mcp.log")), progress -> { });
            try {
                McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("image_info",
                        Map.of("data", Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get("plain.jpg"))))));
                assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
            } finally {
                client.closeGracefully();
            }
            assertThat(Files.readString(dir.resolve("data").resolve(DataDirLock.FILE)))
                    .startsWith("PID " + ProcessHandle.current().pid() + " ");
            service.data().drop("info", Samples.get("plain.jpg"), "after-mcp.jpg");
            service.data().awaitAccounted("info", 1, Duration.ofSeconds(30));
            assertThat(DataDir.inputs(service.data().archive("info"))).containsExactly("after-mcp.jpg");
        }
        // The MCP server stops by itself once its client has gone; its own work directory goes with it, as the
        // service's did when it stopped.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                DataDir.names(dir.resolve("data").resolve(".work"))).isEmpty());
    }
}
