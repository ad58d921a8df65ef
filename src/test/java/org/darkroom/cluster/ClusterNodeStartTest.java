package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a node's start ends when the cluster is wrong for it, as an operator sees it: exit status 1 and one sentence,
 * with no password in it; and a single instance on a data directory the nodes share is refused with the setting to
 * use.
 */
class ClusterNodeStartTest {
    private final Postgres.Database database = Postgres.get().newDatabase("node_start");

    @TempDir
    Path dir;

    @Test
    void a_node_with_a_wrong_password_stops_with_a_sentence_that_does_not_repeat_it() {
        ChildDarkroom.Exit exit = ChildDarkroom.expectExit(dir.resolve("data"), dir.resolve("node.log"),
                cluster(database.password() + "-not"), Map.of());

        assertThat(exit.status()).isEqualTo(1);
        assertThat(exit.output()).contains("could not sign in to the cluster database")
                .contains("darkroom.cluster.password").doesNotContain(database.password() + "-not")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("data/darkroom.cluster")).as("a node that never started marks nothing").doesNotExist();
    }

    @Test
    void a_single_instance_is_refused_on_a_data_directory_that_nodes_share() throws Exception {
        Path data = dir.resolve("data");
        ChildDarkroom node = ChildDarkroom.start(data, dir.resolve("node.log"), Map.of(
                "darkroom.cluster.jdbc-url", database.url(), "darkroom.cluster.username", database.user(),
                "darkroom.cluster.password", database.password()));
        node.stop();
        assertThat(Files.readString(data.resolve("darkroom.cluster"))).contains(database.name())
                .doesNotContain(database.password());

        ChildDarkroom.Exit single = ChildDarkroom.expectExit(data, dir.resolve("single.log"), List.of(), Map.of());

        assertThat(single.status()).isEqualTo(1);
        assertThat(single.output()).contains("is shared by Darkroom cluster nodes")
                .contains("darkroom.cluster.jdbc-url").contains(data.resolve("darkroom.cluster").toString());
    }

    private List<String> cluster(String password) {
        return List.of("--set", "darkroom.cluster.jdbc-url=" + database.url(),
                "--set", "darkroom.cluster.username=" + database.user(),
                "--set", "darkroom.cluster.password=" + password);
    }
}
