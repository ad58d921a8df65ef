package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What a user reads about drop folders adds up: progress lines, failed/ and the per-file log lines. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxAccountingTest {
    private static final int FILES = 60;
    private static final Pattern PROGRESS = Pattern.compile(
            "inbox thumbnail: (\\d+) done, (\\d+) failed, (?:(\\d+) in progress, )?(\\d+) left");
    @TempDir
    static Path work;
    private ChildDarkroom darkroom;
    private DataDir data;

    @BeforeAll
    void start() {
        data = new DataDir(work.resolve("data"));
        darkroom = ChildDarkroom.start(data.root(), work.resolve("darkroom.log"),
                Map.of("darkroom.drop.progress-interval-ms", "250"));
    }

    @AfterAll
    void stop() throws InterruptedException {
        darkroom.stop();
    }

    @Test
    void every_progress_line_of_a_batch_accounts_for_each_file_once() throws Exception {
        Path source = work.resolve("big.jpg");
        Process make = new ProcessBuilder("/usr/bin/convert", "-size", "2000x1400", "gradient:navy-orange",
                "-swirl", "90", "-quality", "92", source.toString()).inheritIO().start();
        assertThat(make.waitFor()).isZero();
        Path staging = Files.createDirectories(work.resolve("staging"));
        for (int i = 0; i < FILES; i++) {
            Files.copy(source, staging.resolve(String.format("img-%03d.jpg", i)));
        }
        for (int i = 0; i < FILES; i++) {
            String name = String.format("img-%03d.jpg", i);
            Files.move(staging.resolve(name), data.inbox("thumbnail").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        data.awaitAccounted("thumbnail", FILES, Duration.ofSeconds(120));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> darkroom.logText().contains("inbox thumbnail: batch finished"));

        List<String> lines = darkroom.logText().lines().filter(line -> line.contains("inbox thumbnail: ")).toList();
        List<String> running = lines.stream().filter(line -> !line.contains("batch finished")).toList();
        assertThat(running).as("progress lines while the batch ran").hasSizeGreaterThanOrEqualTo(2);
        for (String line : running) {
            Matcher m = PROGRESS.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            long inProgress = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
            long sum = Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + inProgress + Long.parseLong(m.group(4));
            assertThat(sum).as("done + failed + in progress + left in: " + line).isEqualTo(FILES);
        }
        assertThat(lines.get(lines.size() - 1)).contains("batch finished: " + FILES + " done, 0 failed");
    }

    @Test
    void a_file_that_succeeds_after_failing_leaves_nothing_in_failed() {
        data.drop("resize", Samples.get("not-an-image.jpg"), "x.jpg");
        data.awaitAccounted("resize", 1, Duration.ofSeconds(30));
        assertThat(DataDir.names(data.failed("resize"))).containsExactly("x.jpg", "x.jpg.error.json");

        data.drop("resize", Samples.get("plain.jpg"), "x.jpg");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.archive("resize").resolve("x.jpg")));

        assertThat(DataDir.names(data.failed("resize"))).isEmpty();
        assertThat(DataDir.names(data.outbox("resize"))).containsExactly("x.jpg.jpg", "x.jpg.json");
    }

    @Test
    void a_failed_file_is_logged_as_a_warning() {
        data.drop("convert", Samples.get("not-an-image.jpg"), "broken.jpg");
        data.awaitAccounted("convert", 1, Duration.ofSeconds(30));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> darkroom.logText().contains("name=convert/broken.jpg"));
        assertThat(darkroom.logText().lines().filter(line -> line.contains("name=convert/broken.jpg")))
                .singleElement().asString()
                .contains(" WARN ").contains("outcome=failed").contains("code=unsupported_type");
    }
}
