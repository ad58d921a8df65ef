package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Postgres;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node seen from outside: its cluster meters, and its readiness while the database will not let it in. Then the
 * drop folder takes no new file (it neither fails nor loses it), HTTP keeps serving, and all resumes when the
 * database lets the node in again.
 */
class ClusterNodeHealthTest {
    private final Postgres.Database database = Postgres.get().newDatabase("node_health");

    @TempDir
    Path dir;

    @Test
    void without_its_database_a_node_is_not_ready_and_leaves_dropped_files_waiting() throws Exception {
        int port = HttpClientSupport.freePort();
        Path data = dir.resolve("data");
        ChildDarkroom node = ChildDarkroom.start(data, dir.resolve("node.log"), Map.of(
                "darkroom.http.port", String.valueOf(port), "darkroom.cluster.jdbc-url", database.url(),
                "darkroom.cluster.username", database.user(), "darkroom.cluster.password", database.password(),
                "darkroom.cluster.lease-ms", "2000"));
        try {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            DataDir files = new DataDir(data);
            files.drop("info", Samples.get("plain.jpg"), "first.jpg");
            files.awaitAccounted("info", 1, Duration.ofSeconds(30));
            assertThat(text(http.send(http.request("/observe/metrics").GET().build())))
                    .contains("darkroom_cluster_leases_held").contains("darkroom_cluster_takeovers_total")
                    .contains("darkroom_cluster_database_round_trip_seconds");
            assertThat(ready(http)).isEqualTo(200);

            // The database stops answering for this node: its role may not sign in, its connections are cut.
            Postgres.get().asSuperuser("postgres", "ALTER ROLE " + database.user() + " NOLOGIN",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + database.user() + "'");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ready(http) == 503);
            files.drop("info", Samples.get("plain.jpg"), "waits.jpg");
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    Files.exists(files.inbox("info").resolve("waits.jpg"))
                            && DataDir.inputs(files.failed("info")).isEmpty());
            assertThat(http.postRaw("/v1/flows/info", Samples.get("plain.jpg"), "image/jpeg").statusCode())
                    .as("HTTP needs no database").isEqualTo(200);

            Postgres.get().asSuperuser("postgres", "ALTER ROLE " + database.user() + " LOGIN");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ready(http) == 200);
            files.awaitAccounted("info", 2, Duration.ofSeconds(30));
            assertThat(DataDir.inputs(files.archive("info"))).containsExactlyInAnyOrder("first.jpg", "waits.jpg");
            assertThat(DataDir.inputs(files.failed("info"))).isEmpty();
        } finally {
            node.stop();
        }
    }

    private static int ready(HttpClientSupport http) {
        return http.send(http.request("/observe/health/ready").GET().build()).statusCode();
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
