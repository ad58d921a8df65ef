package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./darkroom retry INBOX}: failed inputs go back through their inbox, and their stale records go away. */
class RetryFailedTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    @TempDir
    Path dir;

    @Test
    void a_failed_input_goes_back_through_its_inbox_and_is_worked_on_again() throws Exception {
        DataDir data = SERVICE.darkroom().data();
        data.drop("thumbnail", Samples.get("truncated.jpg"), "again.jpg");
        data.awaitAccounted("thumbnail", 1, Duration.ofSeconds(30));
        String first = data.error("thumbnail", "again.jpg").at("/request_id").asText();

        RetryFailed.Outcome outcome = RetryFailed.retry(data.layout(), "thumbnail");

        assertThat(outcome.sent()).containsExactly("again.jpg");
        // Worked on again from the inbox: a new failure with a record of its own, nothing lost on the way.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Files.exists(data.failed("thumbnail").resolve("again.jpg.error.json"))
                        && !data.error("thumbnail", "again.jpg").at("/request_id").asText().equals(first));
        assertThat(data.failed("thumbnail").resolve("again.jpg")).hasSameBinaryContentAs(Samples.get("truncated.jpg"));
        assertThat(data.error("thumbnail", "again.jpg").at("/code").asText()).isEqualTo("undecodable");
    }

    @Test
    void a_name_already_waiting_in_the_inbox_is_left_and_a_wrong_inbox_is_refused() throws Exception {
        DataLayout layout = new DataLayout(dir);
        Files.createDirectories(layout.inbox("resize"));
        Files.createDirectories(layout.failed("resize"));
        Files.writeString(layout.failed("resize").resolve("a.jpg"), "old a");
        Files.writeString(layout.failed("resize").resolve("a.jpg.error.json"), "{}");
        Files.writeString(layout.failed("resize").resolve("b.jpg"), "old b");
        Files.writeString(layout.failed("resize").resolve("b.jpg.error.json"), "{}");
        Files.writeString(layout.inbox("resize").resolve("b.jpg"), "new b");

        RetryFailed.Outcome outcome = RetryFailed.retry(layout, "resize");

        assertThat(outcome.sent()).containsExactly("a.jpg");
        assertThat(outcome.left()).containsExactly("b.jpg");
        assertThat(layout.inbox("resize").resolve("a.jpg")).hasContent("old a");
        assertThat(layout.inbox("resize").resolve("b.jpg")).hasContent("new b");
        assertThat(layout.failed("resize").resolve("b.jpg")).hasContent("old b");
        assertThat(layout.failed("resize").resolve("b.jpg.error.json")).exists();
        assertThat(layout.failed("resize").resolve("a.jpg.error.json")).doesNotExist();
        assertThatThrownBy(() -> RetryFailed.retry(layout, "nope")).hasMessageContaining("No inbox named 'nope'");
        assertThatThrownBy(() -> RetryFailed.retry(layout, "../resize")).hasMessageContaining("not an inbox name");
    }
}
