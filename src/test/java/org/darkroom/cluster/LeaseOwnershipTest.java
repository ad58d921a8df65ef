package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;
import org.awaitility.Awaitility;
import org.darkroom.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM: a lease is its owner's until the owner lets go or stops renewing it. */
class LeaseOwnershipTest {
    private static Postgres.Database database;

    private LeaseStore a;
    private LeaseStore b;

    @BeforeAll
    static void database() {
        database = Postgres.get().newDatabase("ownership");
    }

    @BeforeEach
    void open() {
        a = Leases.open(database, "node-a");
        b = Leases.open(database, "node-b");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void a_node_that_does_not_own_a_lease_cannot_remove_it() {
        IdempotentRepository mine = a.repository("thumbnail");
        IdempotentRepository theirs = b.repository("thumbnail");
        assertThat(mine.add("cat.png")).isTrue();

        assertThat(theirs.remove("cat.png")).as("remove by the node that lost the race").isFalse();
        assertThat(theirs.add("cat.png")).as("the lease still stands after it").isFalse();
        assertThat(theirs.contains("cat.png")).isTrue();

        assertThat(mine.remove("cat.png")).as("remove by the owner").isTrue();
        assertThat(theirs.contains("cat.png")).isFalse();
        assertThat(theirs.add("cat.png")).as("free for the next node once the owner let go").isTrue();
        assertThat(a.held()).isZero();
        assertThat(b.held()).isOne();
    }

    @Test
    void nodes_that_mount_the_share_at_different_paths_lease_the_same_file() {
        IdempotentRepository mine = a.repository("thumbnail");
        IdempotentRepository theirs = b.repository("thumbnail");
        assertThat(mine.add("/mnt/darkroom/inbox/thumbnail/fox.png")).isTrue();

        assertThat(theirs.add("/srv/share/inbox/thumbnail/fox.png")).as("the same file under another mount").isFalse();
        assertThat(theirs.contains("/srv/share/inbox/thumbnail/fox.png")).isTrue();
        assertThat(mine.remove("/mnt/darkroom/inbox/thumbnail/fox.png")).isTrue();
        assertThat(theirs.add("/srv/share/inbox/thumbnail/fox.png")).as("free once its owner let go").isTrue();
    }

    @Test
    void a_held_lease_is_renewed_and_outlives_its_lease_time() {
        IdempotentRepository mine = a.repository("thumbnail");
        IdempotentRepository theirs = b.repository("thumbnail");
        assertThat(mine.add("dog.png")).isTrue();

        Duration watch = Leases.LEASE.multipliedBy(5).dividedBy(2);
        Awaitility.await().during(watch).atMost(watch.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> !theirs.add("dog.png"));
        assertThat(a.held()).isOne();
        assertThat(b.takeovers()).isZero();
    }

    @Test
    void a_restarted_node_does_not_own_the_leases_of_its_previous_life() {
        assertThat(a.repository("thumbnail").add("owl.png")).isTrue();
        try (LeaseStore restarted = Leases.open(database, "node-a")) {
            assertThat(restarted.owner()).isNotEqualTo(a.owner()).startsWith("node-a-");
            assertThat(restarted.repository("thumbnail").remove("owl.png")).isFalse();
            assertThat(restarted.repository("thumbnail").add("owl.png")).isFalse();
        }
        assertThat(b.repository("thumbnail").add("owl.png")).isFalse();
    }

    @Test
    void each_inbox_leases_its_own_files_and_clearing_one_inbox_spares_the_others() {
        assertThat(a.repository("thumbnail").add("same.png")).isTrue();
        assertThat(a.repository("resize").add("same.png")).as("same name, other inbox").isTrue();
        assertThat(b.repository("thumbnail").add("other.png")).isTrue();

        a.repository("thumbnail").clear();

        assertThat(b.repository("thumbnail").add("same.png")).isTrue();
        assertThat(b.repository("resize").add("same.png")).as("the other inbox's lease stands").isFalse();
        assertThat(a.repository("thumbnail").add("other.png")).as("another node's lease stands").isFalse();
    }

    @Test
    void confirm_renews_only_a_lease_the_node_holds() {
        assertThat(a.repository("thumbnail").add("fox.png")).isTrue();
        assertThat(a.repository("thumbnail").confirm("fox.png")).isTrue();
        assertThat(b.repository("thumbnail").confirm("fox.png")).isFalse();
        assertThat(b.repository("thumbnail").add("fox.png")).isFalse();
    }

    @Test
    void a_node_that_closes_hands_its_leases_back_at_once() {
        assertThat(a.repository("thumbnail").add("bee.png")).isTrue();
        a.close();
        assertThat(b.repository("thumbnail").add("bee.png")).as("no wait for the lease to expire").isTrue();
        assertThat(b.takeovers()).as("a released lease is not a take-over").isZero();
    }
}
