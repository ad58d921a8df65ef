package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.darkroom.config.SettingException;
import org.darkroom.testing.TestSettings;
import org.junit.jupiter.api.Test;

/** Cluster mode is off unless a database is named; its settings are checked at the start, the password kept out of sight. */
class ClusterSettingsTest {
    private static final String URL = "jdbc:postgresql://db.example:5432/darkroom";

    @Test
    void without_a_database_there_is_no_cluster() {
        assertThat(ClusterSettings.read(TestSettings.of(Map.of()))).isEmpty();
    }

    @Test
    void the_defaults_give_a_ten_second_lease_renewed_every_two_and_a_node_named_after_host_and_process() {
        ClusterSettings settings = ClusterSettings.read(TestSettings.of(Map.of("darkroom.cluster.jdbc-url", URL)))
                .orElseThrow();
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.renewal()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.node()).endsWith("-" + ProcessHandle.current().pid()).matches("[A-Za-z0-9._-]+");
        assertThat(settings.username()).isEmpty();
    }

    @Test
    void every_setting_is_read() {
        ClusterSettings settings = ClusterSettings.read(TestSettings.of(Map.of("darkroom.cluster.jdbc-url", URL,
                "darkroom.cluster.username", "darkroom", "darkroom.cluster.password", "s3cret",
                "darkroom.cluster.lease-ms", "4000", "darkroom.node", "web-1"))).orElseThrow();
        assertThat(settings).isEqualTo(new ClusterSettings(URL, "darkroom", "s3cret", Duration.ofSeconds(4), "web-1"));
    }

    @Test
    void the_password_is_never_shown() {
        ClusterSettings settings = new ClusterSettings(URL + "?password=in-url", "darkroom", "s3cret",
                Duration.ofSeconds(10), "web-1");
        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("in-url")
                .contains("db.example:5432/darkroom").contains("(hidden)");
    }

    @Test
    void a_bad_value_stops_the_start_with_the_key_and_without_the_url() {
        assertRefused(Map.of("darkroom.cluster.jdbc-url", "jdbc:mysql://db/x?password=s3cret"),
                "Setting darkroom.cluster.jdbc-url must be a PostgreSQL JDBC URL such as "
                        + "jdbc:postgresql://db.example:5432/darkroom.");
        assertRefused(Map.of("darkroom.cluster.jdbc-url", URL, "darkroom.cluster.lease-ms", "ten"),
                "Setting darkroom.cluster.lease-ms must be a positive whole number, not 'ten'.");
        assertRefused(Map.of("darkroom.cluster.jdbc-url", URL, "darkroom.cluster.lease-ms", "500"),
                "Setting darkroom.cluster.lease-ms must be at least 1000, not 500.");
        assertRefused(Map.of("darkroom.cluster.jdbc-url", URL, "darkroom.node", "web 1"),
                "Setting darkroom.node must be 1 to 64 letters, digits, dots, colons, dashes or underscores, not 'web 1'.");
    }

    private static void assertRefused(Map<String, String> values, String sentence) {
        assertThatThrownBy(() -> ClusterSettings.read(TestSettings.of(values)))
                .isInstanceOf(SettingException.class).hasMessage(sentence);
    }
}
