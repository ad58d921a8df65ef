package org.darkroom.doors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.darkroom.flow.ErrorCode;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Samples;

/**
 * The drop-folder door: each provocation as a file put into an inbox, each refusal as the input moved to
 * {@code failed/} beside a {@code <name>.error.json} that holds the code, with nothing lost and nothing written to
 * the outbox. Not being ready is rendered differently: the file waits in its inbox until the service is ready.
 */
final class DropFolderDoor implements Door {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final ContractServices services;
    private final DataDir data;

    DropFolderDoor(ContractServices services) {
        this.services = services;
        this.data = services.darkroom().data();
    }

    @Override
    public Optional<String> assertRefuses(Provocation provocation, ErrorCode code) throws Exception {
        // Every row's file gets a name of its own, so rows sharing an inbox never see each other's records.
        String prefix = code.code() + "-";
        if (provocation instanceof Provocation.Image image && image.params().isEmpty()) {
            String name = prefix + image.name();
            data.drop(image.flow(), image.file(), name);
            return assertFailedWithItsRecord(image.flow(), name, code, Optional.of(image.file()));
        }
        if (provocation instanceof Provocation.Slow) {
            String name = prefix + "plain.jpg";
            data.drop("slow", Samples.get("plain.jpg"), name);
            return assertFailedWithItsRecord("slow", name, code, Optional.of(Samples.get("plain.jpg")));
        }
        if (provocation instanceof Provocation.BadName) {
            String name = prefix + "back\\slash.jpg";
            data.drop("thumbnail", Samples.get("plain.jpg"), name);
            return assertFailedWithItsRecord("thumbnail", name, code, Optional.of(Samples.get("plain.jpg")));
        }
        if (provocation instanceof Provocation.NotAFile) {
            String name = prefix + "pipe.jpg";
            Process mkfifo = new ProcessBuilder("/usr/bin/mkfifo", data.inbox("thumbnail").resolve(name).toString())
                    .start();
            assertThat(mkfifo.waitFor()).isZero();
            return assertFailedWithItsRecord("thumbnail", name, code, Optional.empty());
        }
        if (provocation instanceof Provocation.OutsideRoot) {
            String name = prefix + "link.jpg";
            Path secret = Files.copy(Samples.get("plain.jpg"), services.outside().resolve(name));
            Files.createSymbolicLink(data.inbox("thumbnail").resolve(name), secret);
            Optional<String> sentence = assertFailedWithItsRecord("thumbnail", name, code, Optional.empty());
            assertThat(Files.isSymbolicLink(data.failed("thumbnail").resolve(name))).isTrue();
            assertThat(secret).hasSameBinaryContentAs(Samples.get("plain.jpg"));
            return sentence;
        }
        if (provocation instanceof Provocation.WhileNotReady) {
            assertWaitsUntilReady(prefix + "plain.jpg");
            return Optional.empty();
        }
        throw Door.cannotExpress("drop folder", provocation);
    }

    /**
     * The input left the inbox for {@code failed/}, kept whole, with a record naming it and holding the code and a
     * sentence; the outbox has nothing of it. Returns the sentence.
     */
    private Optional<String> assertFailedWithItsRecord(String inbox, String name, ErrorCode code,
                                                       Optional<Path> original)
            throws Exception {
        Path failed = data.failed(inbox);
        // The record and the input are two renames; the order between them is the door's own business.
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> recordOf(failed, name).filter(record -> Files.exists(failed.resolve(keptName(record)),
                        LinkOption.NOFOLLOW_LINKS)).isPresent());
        Path record = recordOf(failed, name).orElseThrow();
        JsonNode error = data.json(record);
        assertThat(error.at("/code").asText()).isEqualTo(code.code());
        services.leaks().assertNoneIn(Files.readString(record, StandardCharsets.UTF_8));

        String kept = keptName(record);
        if (original.isPresent()) {
            assertThat(failed.resolve(kept)).hasSameBinaryContentAs(original.get());
        }
        assertThat(Files.exists(data.inbox(inbox).resolve(name), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(DataDir.names(data.outbox(inbox))).noneMatch(output -> output.startsWith(name)
                || output.startsWith(kept));
        return Optional.of(error.at("/message").asText());
    }

    /** The name the input is kept under in {@code failed/}: its record's name without {@code .error.json}. */
    private static String keptName(Path record) {
        return record.getFileName().toString().replaceFirst("\\.error\\.json$", "");
    }

    /** The record in {@code failed/} whose {@code name} is the name the file was dropped under. */
    private Optional<Path> recordOf(Path failed, String name) {
        return DataDir.names(failed).stream().filter(file -> file.endsWith(".error.json")).map(failed::resolve)
                .filter(record -> Files.isRegularFile(record) && name.equals(readName(record))).findFirst();
    }

    private String readName(Path record) {
        try {
            return data.json(record).at("/name").asText();
        } catch (RuntimeException stillBeingWritten) {
            return null;
        }
    }

    /** Dropped while ImageMagick fails its check: the file waits, then is processed once the check passes. */
    private void assertWaitsUntilReady(String name) throws Exception {
        services.policy().weaken();
        try {
            Awaitility.await().atMost(DEADLINE).until(() -> services.readiness() == 503);
            data.drop("thumbnail", Samples.get("plain.jpg"), name);
            // Well past the settle time and many polls.
            Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                        assertThat(data.inbox("thumbnail").resolve(name)).exists();
                        assertThat(recordOf(data.failed("thumbnail"), name)).isEmpty();
                    });
        } finally {
            services.policy().restore();
        }
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(data.archive("thumbnail").resolve(name)));
        assertThat(data.failed("thumbnail").resolve(name)).doesNotExist();
    }
}
