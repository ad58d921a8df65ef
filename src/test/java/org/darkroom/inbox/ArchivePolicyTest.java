package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.darkroom.config.SettingException;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code darkroom.drop.archive}: keep originals, delete them once their outputs are written, or keep them N days. */
class ArchivePolicyTest {
    @RegisterExtension
    static final SharedDarkroom DELETING = new SharedDarkroom(Map.of("darkroom.drop.archive", "delete"));
    @TempDir
    Path dir;

    @Test
    void with_delete_an_input_is_gone_once_its_outputs_are_written_and_a_failure_is_still_kept() throws Exception {
        DataDir data = DELETING.darkroom().data();
        data.drop("thumbnail", Samples.get("photo.jpg"), "private.jpg");
        data.drop("thumbnail", Samples.get("truncated.jpg"), "broken.jpg");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Files.exists(data.outbox("thumbnail").resolve("private.jpg.json"))
                        && Files.exists(data.failed("thumbnail").resolve("broken.jpg.error.json"))
                        && DataDir.inputs(data.inbox("thumbnail")).isEmpty());
        assertThat(data.outbox("thumbnail").resolve("private.jpg.jpg")).exists();
        assertThat(DataDir.inputs(data.archive("thumbnail"))).isEmpty();
        // A failure is not a result: its input stays for the operator to look at (and ./darkroom retry).
        assertThat(data.failed("thumbnail").resolve("broken.jpg")).hasSameBinaryContentAs(Samples.get("truncated.jpg"));
    }

    @Test
    void with_days_an_input_is_swept_once_it_has_been_archived_that_long() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive/thumbnail"));
        Path old = Files.copy(Samples.get("plain.jpg"), archive.resolve("a.jpg"));
        // Its modification time says 2001: the age that counts is how long it has been in archive/.
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        ArchiveRetention retention = new ArchiveRetention(new DefaultCamelContext(), List.of(archive,
                dir.resolve("archive/never-made")), ArchivePolicy.parse("darkroom.drop.archive", "7"));

        assertThat(retention.sweep(Instant.now())).isZero();
        assertThat(retention.sweep(Instant.now().plus(Duration.ofDays(6)))).isZero();
        assertThat(old).exists();
        assertThat(retention.sweep(Instant.now().plus(Duration.ofDays(7)).plusSeconds(60))).isEqualTo(1);
        assertThat(old).doesNotExist();
    }

    @Test
    void the_setting_takes_keep_delete_or_days() {
        assertThat(ArchivePolicy.parse("k", "keep").archives()).isTrue();
        assertThat(ArchivePolicy.parse("k", "keep").expires()).isFalse();
        assertThat(ArchivePolicy.parse("k", "delete").archives()).isFalse();
        assertThat(ArchivePolicy.parse("k", " 30 ").keepDays()).isEqualTo(30);
        for (String bad : new String[] {"0", "-1", "forever", "", "36501"}) {
            assertThatThrownBy(() -> ArchivePolicy.parse("darkroom.drop.archive", bad)).as(bad)
                    .isInstanceOf(SettingException.class).hasMessageContaining("keep, delete or a number of days");
        }
    }
}
