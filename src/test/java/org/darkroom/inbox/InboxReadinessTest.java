package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Postgres;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SwappablePolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * While ImageMagick fails its periodic check, dropped files wait in their inbox instead of failing, and are worked
 * through once the check passes again: nothing ends in {@code failed/} for a fault that is not the file's.
 */
class InboxReadinessTest {
    @TempDir
    Path dir;

    /**
     * Also on a cluster node, whose files left for later must not keep their leases: the node would renew them for
     * as long as it runs, and no node could take those files again.
     */
    @ParameterizedTest(name = "cluster node: {0}")
    @ValueSource(booleans = {false, true})
    void files_dropped_while_imagemagick_is_not_ready_wait_and_are_processed_when_it_is_again(boolean clusterNode)
            throws Exception {
        SwappablePolicy policy = SwappablePolicy.in(dir.resolve("policy"));
        Map<String, String> settings = new HashMap<>(Map.of(
                "darkroom.magick.policy-dir", policy.dir().toString(),
                "darkroom.magick.recheck-ms", "100"));
        if (clusterNode) {
            Postgres.Database database = Postgres.get().newDatabase("inbox_readiness");
            settings.putAll(Map.of("darkroom.cluster.jdbc-url", database.url(),
                    "darkroom.cluster.username", database.user(), "darkroom.cluster.password", database.password(),
                    "darkroom.cluster.lease-ms", "2000"));
        }
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), settings)) {
            HttpClientSupport http = darkroom.http();
            DataDir data = darkroom.data();
            policy.weaken();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ready(http) == 503);

            for (int i = 0; i < 3; i++) {
                data.drop("thumbnail", Samples.get("plain.jpg"), "waiting-" + i + ".jpg");
            }
            // Well past the settle time and many polls: the files are still there, and nothing failed.
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                        assertThat(DataDir.inputs(data.inbox("thumbnail"))).hasSize(3);
                        assertThat(DataDir.names(data.failed("thumbnail"))).isEmpty();
                    });

            policy.restore();
            data.awaitAccounted("thumbnail", 3, Duration.ofSeconds(30));
            assertThat(DataDir.inputs(data.archive("thumbnail")))
                    .containsExactlyInAnyOrder("waiting-0.jpg", "waiting-1.jpg", "waiting-2.jpg");
            assertThat(DataDir.names(data.failed("thumbnail"))).isEmpty();
        }
    }

    private static int ready(HttpClientSupport http) {
        return http.send(http.request("/observe/health/ready").GET().build()).statusCode();
    }
}
