package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.darkroom.testing.Postgres;
import org.junit.jupiter.api.Test;

/** A database that cannot be used stops the start with one sentence saying what to do, and never the password. */
class ClusterRefusalTest {
    private static final String WRONG = "not-the-password-7f3a";

    private final Postgres postgres = Postgres.get();
    private final Postgres.Database database = postgres.newDatabase("refusal");

    private static ClusterSettings settings(String url, String user, String password) {
        return new ClusterSettings(url, user, password, Leases.LEASE, "node-a");
    }

    @Test
    void wrong_credentials_are_named_as_such() {
        assertThatThrownBy(() -> LeaseStore.open(settings(database.url(), database.user(), WRONG)))
                .isInstanceOf(ClusterRefusal.class).hasNoCause()
                .hasMessage("Darkroom could not sign in to the cluster database at 127.0.0.1:" + postgres.port() + "/"
                        + database.name() + " as '" + database.user() + "': the user name or password is wrong "
                        + "(darkroom.cluster.username, darkroom.cluster.password).")
                .message().doesNotContain(WRONG).doesNotContain(database.password());
    }

    @Test
    void a_password_in_the_url_is_not_repeated() {
        String url = database.url() + "?user=" + database.user() + "&password=" + WRONG;
        assertThatThrownBy(() -> LeaseStore.open(settings(url, "", "")))
                .isInstanceOf(ClusterRefusal.class).message().contains("could not sign in")
                .doesNotContain(WRONG).doesNotContain("?");
    }

    @Test
    void an_unreachable_database_is_named_with_its_setting() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/darkroom";
        assertThatThrownBy(() -> LeaseStore.open(settings(url, database.user(), database.password())))
                .isInstanceOf(ClusterRefusal.class).hasNoCause()
                .hasMessage("Darkroom could not reach the cluster database at 127.0.0.1:" + closedPort + "/darkroom "
                        + "(darkroom.cluster.jdbc-url): check that PostgreSQL runs there and accepts connections "
                        + "from this machine.")
                .message().doesNotContain(database.password());
    }

    @Test
    void a_missing_database_is_named() {
        String url = database.url() + "_missing";
        assertThatThrownBy(() -> LeaseStore.open(settings(url, database.user(), database.password())))
                .isInstanceOf(ClusterRefusal.class).message().contains("does not exist").contains(url.substring(18));
    }

    @Test
    void a_user_without_the_right_to_create_the_table_gets_the_sql_to_run_and_then_works() {
        Postgres.Database guest = postgres.guestOf(database);
        String sentence = null;
        try {
            LeaseStore.open(settings(guest.url(), guest.user(), guest.password())).close();
        } catch (ClusterRefusal refusal) {
            sentence = refusal.getMessage();
        }
        assertThat(sentence).as("the refusal").isNotNull()
                .startsWith("The cluster database user '" + guest.user() + "' may not create Darkroom's lease table")
                .contains(LeaseSchema.CREATE).contains("TO " + guest.user() + ";").doesNotContain(guest.password());

        // The owner runs what the sentence says; then the guest's node starts and takes leases.
        String sql = sentence.substring(sentence.indexOf("run: ") + "run: ".length());
        postgres.asSuperuser(database.name(), "SET ROLE " + database.user(), sql);
        try (LeaseStore store = LeaseStore.open(settings(guest.url(), guest.user(), guest.password()))) {
            assertThat(store.repository("thumbnail").add("cat.png")).isTrue();
            assertThat(store.lastRoundTrip()).isLessThan(Duration.ofSeconds(5));
        }
    }
}
