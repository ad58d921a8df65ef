package org.darkroom.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a start is refused, tried for real in a child JVM: the process exits with a stable status and says why in
 * one {@code darkroom: } sentence, with no stack trace at the default log level.
 */
class StartupRefusalsTest {
    @TempDir
    Path dir;

    private ChildDarkroom.Exit start(String... args) {
        return ChildDarkroom.expectExit(dir.resolve("data"), dir.resolve("child.log"), List.of(args), Map.of());
    }

    /** The one sentence the user reads, after checking there is exactly one and no stack trace around it. */
    private static String refusal(ChildDarkroom.Exit exit, int status) {
        assertThat(exit.status()).as(exit.output()).isEqualTo(status);
        List<String> sentences = exit.output().lines().filter(line -> line.startsWith("darkroom: ")).toList();
        assertThat(sentences).as(exit.output()).hasSize(1);
        assertThat(exit.output()).doesNotContain("\tat ").doesNotContain("Exception:");
        return sentences.get(0);
    }

    @Test
    void a_busy_port_stops_the_start_before_any_inbox_is_watched() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("127.0.0.1", 0));
            String sentence = refusal(start("--port", String.valueOf(other.getLocalPort())), 1);
            assertThat(sentence).contains("127.0.0.1:" + other.getLocalPort()).contains("--port");
        }
        assertThat(dir.resolve("data/inbox")).doesNotExist();
    }

    @Test
    void a_data_directory_another_darkroom_holds_is_refused_naming_it_until_that_one_is_killed() throws Exception {
        ChildDarkroom first = ChildDarkroom.start(dir.resolve("data"), dir.resolve("first.log"), Map.of());
        try {
            String sentence = refusal(start(), 1);
            assertThat(sentence).contains(dir.resolve("data").toRealPath().toString())
                    .contains("PID " + first.pid() + " on host ").contains("--data");
        } finally {
            // kill -9: no shutdown hook runs, only the operating system can let go of the lock.
            first.kill();
        }
        ChildDarkroom.start(dir.resolve("data"), dir.resolve("second.log"), Map.of()).stop();
    }

    @Test
    void a_wrong_flag_value_is_named_with_the_flag_and_exit_status_2() {
        assertThat(refusal(start("--port", "8o80"), 2)).isEqualTo("darkroom: Setting darkroom.http.port (--port)"
                + " must be a port number from 1 to 65535, not '8o80'.");
    }

    @Test
    void an_unknown_darkroom_environment_variable_is_refused_with_the_nearest_name() {
        ChildDarkroom.Exit exit = ChildDarkroom.expectExit(dir.resolve("data"), dir.resolve("child.log"), List.of(),
                Map.of("DARKROOM_LIMITS_MAX_BYTE", "1MiB"));
        assertThat(refusal(exit, 2)).contains("DARKROOM_LIMITS_MAX_BYTE").contains("DARKROOM_LIMITS_MAX_BYTES");
    }

    @Test
    void a_model_nobody_vouched_for_is_refused_with_status_1() {
        assertThat(refusal(start("--model", TinyModel.bundle("tiny.mf").toString()), 1)).contains("--model-sha256");
    }

    @Test
    void help_prints_the_usage_and_starts_nothing() {
        ChildDarkroom.Exit exit = start("--port", String.valueOf(HttpClientSupport.freePort()), "--help");
        assertThat(exit.status()).isZero();
        assertThat(exit.output()).startsWith("usage: darkroom run").contains("Exit status:");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
