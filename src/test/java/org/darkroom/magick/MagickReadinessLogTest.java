package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.SwappablePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator learns from the log, once each time, when ImageMagick stops being ready and when it recovers. */
class MagickReadinessLogTest {
    @TempDir
    Path work;
    private int failingChecks;
    private int passingChecks;

    @Test
    void losing_and_regaining_the_policy_is_logged_once_each_way() throws Exception {
        SwappablePolicy policy = SwappablePolicy.in(work.resolve("policy"));
        int port = HttpClientSupport.freePort();
        ChildDarkroom darkroom = ChildDarkroom.start(work.resolve("data"), work.resolve("darkroom.log"), Map.of(
                "darkroom.magick.policy-dir", policy.dir().toString(),
                "darkroom.magick.recheck-ms", "100",
                "darkroom.http.port", Integer.toString(port)));
        try {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> health(http) == 200);

            policy.weaken();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> health(http) == 503);
            // More failing checks after the first one: still a single line.
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(150))
                    .until(() -> health(http) == 503 && ++failingChecks >= 5);

            policy.restore();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> health(http) == 200);
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(150))
                    .until(() -> health(http) == 200 && ++passingChecks >= 5);

            List<String> lines = darkroom.logText().lines().filter(line -> line.contains("MagickHealthCheck")).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains(" WARN ").contains("ImageMagick is not ready: ")
                    .contains("does not enforce");
            assertThat(lines.get(1)).contains(" INFO ").contains("ImageMagick is ready again");
        } finally {
            darkroom.stop();
        }
    }

    private static int health(HttpClientSupport http) {
        return http.send(http.request("/observe/health").GET().build()).statusCode();
    }
}
