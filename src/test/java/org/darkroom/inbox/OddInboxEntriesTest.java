package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Identify;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared drop folder receives whatever its users put there: things that are not files, names the file system or
 * camel-file cannot carry further, names that look like Darkroom's own records, names that look like log lines.
 * None of them may jam the inbox, lose an input or forge a log line. The service runs in its own JVM so that its
 * whole log can be read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddInboxEntriesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String INBOX = "thumbnail";
    @TempDir
    static Path dir;
    private ChildDarkroom darkroom;
    private DataDir data;

    @BeforeAll
    void start() {
        data = new DataDir(dir.resolve("data"));
        darkroom = ChildDarkroom.start(data.root(), dir.resolve("darkroom.log"), Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        darkroom.stop();
    }

    private Path inbox() {
        return data.inbox(INBOX);
    }

    private Path failed() {
        return data.failed(INBOX);
    }

    private void awaitGone(Path entry) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> !Files.exists(entry, LinkOption.NOFOLLOW_LINKS));
    }

    private String errorCode(String storedName) {
        return data.json(failed().resolve(storedName + ".error.json")).at("/code").asText();
    }

    @Test
    void things_that_are_not_files_go_to_failed_and_never_block_good_files() throws Exception {
        for (int i = 0; i < 4; i++) {
            run("/usr/bin/mkfifo", inbox().resolve("pipe-" + i + ".jpg").toString());
        }
        run("/usr/bin/mknod", inbox().resolve("device.jpg").toString(), "c", "1", "3");
        Files.createSymbolicLink(inbox().resolve("dangling.jpg"), dir.resolve("nowhere.jpg"));
        Files.createDirectories(inbox().resolve("folder.jpg").resolve("inside"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(inbox().resolve("socket.jpg")));
            for (int i = 0; i < 3; i++) {
                data.drop(INBOX, Samples.get("plain.jpg"), "good-" + i + ".jpg");
            }
            List<String> odd = List.of("pipe-0.jpg", "pipe-1.jpg", "pipe-2.jpg", "pipe-3.jpg", "device.jpg",
                    "dangling.jpg", "folder.jpg", "socket.jpg");
            for (int i = 0; i < 3; i++) {
                awaitGone(inbox().resolve("good-" + i + ".jpg"));
                assertThat(Identify.of(data.outbox(INBOX).resolve("good-" + i + ".jpg.jpg")).width()).isEqualTo(256);
            }
            for (String name : odd) {
                awaitGone(inbox().resolve(name));
                assertThat(Files.exists(failed().resolve(name), LinkOption.NOFOLLOW_LINKS)).as(name).isTrue();
                assertThat(errorCode(name)).as(name).isEqualTo("not_a_file");
            }
            assertThat(Files.isDirectory(failed().resolve("folder.jpg").resolve("inside"))).isTrue();
            assertThat(Files.isSymbolicLink(failed().resolve("dangling.jpg"))).isTrue();
        }
        assertThat(darkroom.logText()).doesNotContain("\tat org.apache.camel");
    }

    @Test
    void what_cannot_be_moved_is_logged_once_and_left_without_blocking() throws Exception {
        // A folder of the same name that failed before is not empty, so the new one cannot take its place.
        Files.createDirectories(failed().resolve("stuck.d").resolve("earlier"));
        Files.createDirectories(inbox().resolve("stuck.d").resolve("now"));
        data.drop(INBOX, Samples.get("plain.jpg"), "after-stuck-1.jpg");
        awaitGone(inbox().resolve("after-stuck-1.jpg"));
        data.drop(INBOX, Samples.get("plain.jpg"), "after-stuck-2.jpg");
        awaitGone(inbox().resolve("after-stuck-2.jpg"));

        assertThat(inbox().resolve("stuck.d").resolve("now")).isDirectory();
        assertThat(failed().resolve("stuck.d.error.json")).doesNotExist();
        assertThat(darkroom.logText().lines().filter(line -> line.contains("name=" + INBOX + "/stuck.d ")))
                .singleElement().asString().contains("outcome=left", "code=not_a_file");
        Files.delete(inbox().resolve("stuck.d").resolve("now"));
        Files.delete(inbox().resolve("stuck.d"));
    }

    @Test
    void every_name_leaves_the_inbox_and_is_logged_once() throws Exception {
        String longName = "l".repeat(246) + ".jpg";
        data.drop(INBOX, Samples.get("plain.jpg"), longName);
        data.drop(INBOX, Samples.get("plain.jpg"), "back\\slash.jpg");
        // Java cannot name a file with bytes that are not UTF-8; Python can.
        run("/usr/bin/python3", "-c", "import sys, shutil; shutil.copy(sys.argv[1], sys.argv[2].encode() + b'/latin1-caf\\xe9.jpg')",
                Samples.get("plain.jpg").toString(), inbox().toString());
        data.drop(INBOX, Samples.get("plain.jpg"), "after-odd-names.jpg");

        awaitGone(inbox().resolve("after-odd-names.jpg"));
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> DataDir.names(inbox()).stream().allMatch(name -> name.startsWith(".")));
        assertKeptWithRecord("lll", longName, Samples.get("plain.jpg"));
        assertKeptWithRecord("back_slash.jpg", "back\\slash.jpg", Samples.get("plain.jpg"));
        assertKeptWithRecord("latin1-caf_.jpg", "latin1-caf\uFFFD.jpg", Samples.get("plain.jpg"));

        String log = darkroom.logText();
        assertThat(log.split("l{246}", -1)).hasSize(2);
        assertThat(log).doesNotContain("\tat org.apache.camel");
    }

    /** The one input in failed/ whose kept name starts with {@code prefix}: its bytes, and its record's code and name. */
    private void assertKeptWithRecord(String prefix, String originalName, Path content) throws IOException {
        List<String> kept = DataDir.names(failed()).stream()
                .filter(name -> name.startsWith(prefix) && !name.endsWith(".error.json")).toList();
        assertThat(kept).as(prefix).hasSize(1);
        assertThat(kept.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(200);
        assertThat(failed().resolve(kept.get(0))).hasSameBinaryContentAs(content);
        assertThat(errorCode(kept.get(0))).isEqualTo("bad_name");
        assertThat(data.json(failed().resolve(kept.get(0) + ".error.json")).at("/name").asText()).isEqualTo(originalName);
    }

    @Test
    void failed_never_overwrites_an_input_with_a_record() throws Exception {
        data.drop(INBOX, Samples.get("not-an-image.jpg"), "x.error.json");
        awaitGone(inbox().resolve("x.error.json"));
        data.drop(INBOX, Samples.get("truncated.jpg"), "x");
        awaitGone(inbox().resolve("x"));
        Awaitility.await().atMost(DEADLINE).until(() -> Files.exists(failed().resolve("x.error.json")));

        assertThat(failed().resolve("x")).hasSameBinaryContentAs(Samples.get("truncated.jpg"));
        assertThat(errorCode("x")).isEqualTo("undecodable");
        String stored = DataDir.names(failed()).stream()
                .filter(name -> name.startsWith("x.error.json") && !name.endsWith(".error.json"))
                .findFirst().orElseThrow();
        assertThat(failed().resolve(stored)).hasSameBinaryContentAs(Samples.get("not-an-image.jpg"));
        assertThat(errorCode(stored)).isEqualTo("unsupported_type");
        assertThat(data.json(failed().resolve(stored + ".error.json")).at("/name").asText()).isEqualTo("x.error.json");
    }

    @Test
    void no_input_name_collides_with_another_inputs_outputs() {
        // Outputs add a suffix no accepted input can end with: an input named like a record claims a type by its
        // extension and fails, so the record of the input it imitates stays.
        List<String> names = List.of("a.jpg", "a.jpg.jpg", "a.jpg.jpg.jpg", "a.jpg.json");
        for (String name : names) {
            data.drop(INBOX, Samples.get("plain.jpg"), name);
        }
        for (String name : names) {
            awaitGone(inbox().resolve(name));
        }
        for (String name : names.subList(0, 3)) {
            assertThat(data.archive(INBOX).resolve(name)).as(name).exists();
            assertThat(data.sidecar(INBOX, name).at("/input/name").asText()).as(name).isEqualTo(name);
            assertThat(Identify.of(data.outbox(INBOX).resolve(name + ".jpg")).width()).as(name).isEqualTo(256);
        }
        assertThat(errorCode("a.jpg.json")).isEqualTo("type_mismatch");
        assertThat(failed().resolve("a.jpg.json")).hasSameBinaryContentAs(Samples.get("plain.jpg"));
    }

    @Test
    void a_newline_in_a_file_name_cannot_forge_a_log_line() {
        String forged = "FORGED door=inbox flow=thumbnail id=1 bytes=1 ms=1 outcome=done code=ok name=innocent.jpg";
        data.drop(INBOX, Samples.get("truncated.jpg"), "evil.jpg\n" + forged + "\r\u001b[2J");
        awaitGone(inbox().resolve("evil.jpg\n" + forged + "\r\u001b[2J"));
        Awaitility.await().atMost(DEADLINE).until(() -> darkroom.logText().contains("evil.jpg\\n"));

        String log = darkroom.logText();
        assertThat(log.lines()).noneMatch(line -> line.startsWith("FORGED"));
        assertThat(log).doesNotContain("\u001b").contains("evil.jpg\\n" + forged + "\\r\\u001b[2J");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
