package org.darkroom.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intake refuses what it must, in order, before any ImageMagick process could start. */
class IntakeTest {
    @TempDir
    Path work;
    private WorkArea area;

    @BeforeEach
    void setUp() {
        area = WorkArea.claim(work.resolve(".work"));
    }

    @AfterEach
    void tearDown() {
        area.release();
    }

    private ErrorCode refusal(Intake intake, String sample, String name) {
        try (JobDir job = area.newJob()) {
            intake.receive(Samples.get(sample), DeclaredType.name(name), job);
        } catch (DarkroomException e) {
            return e.code();
        }
        return null;
    }

    private static Intake intake(long maxBytes, long maxPixels, int maxFrames) {
        return new Intake(new IntakeLimits(maxBytes, maxPixels, maxFrames));
    }

    @Test
    void accepts_a_valid_image_and_records_what_its_bytes_say() throws Exception {
        try (JobDir job = area.newJob()) {
            AcceptedImage accepted = intake(1 << 20, 1_000_000, 10).receive(Samples.get("plain.jpg"), DeclaredType.name("x.JPEG"), job);
            assertThat(accepted.type()).isEqualTo(ImageType.JPEG);
            assertThat(accepted.header().width()).isEqualTo(640);
            assertThat(accepted.bytes()).isEqualTo(Files.size(Samples.get("plain.jpg")));
            assertThat(accepted.file().getParent()).isEqualTo(job.path());
            assertThat(accepted.file().getFileName().toString()).isEqualTo("input");
            assertThat(Files.readAllBytes(accepted.file())).isEqualTo(Files.readAllBytes(Samples.get("plain.jpg")));
        }
    }

    @Test
    void each_limit_and_check_has_its_code() {
        Intake generous = intake(1 << 20, 60_000_000, 10);
        assertThat(refusal(intake(1000, 60_000_000, 10), "plain.jpg", "a.jpg")).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(refusal(intake(1 << 20, 100_000, 10), "plain.jpg", "a.jpg")).isEqualTo(ErrorCode.TOO_MANY_PIXELS);
        assertThat(refusal(intake(1 << 20, 60_000_000, 2), "animated.gif", "a.gif"))
                .isEqualTo(ErrorCode.TOO_MANY_FRAMES);
        assertThat(refusal(generous, "pixel-bomb.png", "a.png")).isEqualTo(ErrorCode.TOO_MANY_PIXELS);
        assertThat(refusal(generous, "empty.png", "a.png")).isEqualTo(ErrorCode.EMPTY_INPUT);
        assertThat(refusal(generous, "payload-mvg.png", "a.png")).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
        assertThat(refusal(generous, "plain.jpg", "a.png")).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(refusal(generous, "plain.jpg", "notes.txt")).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(refusal(generous, "plain.jpg", "no-extension")).isNull();
        assertThat(refusal(generous, "animated.gif", "a.gif")).isNull();
    }

    @Test
    void a_declared_content_type_must_agree_with_the_bytes() throws Exception {
        Intake intake = intake(1 << 20, 60_000_000, 10);
        for (String agreeing : new String[] {"image/jpeg", "image/jpg; q=1", "application/octet-stream", "", null}) {
            try (JobDir job = area.newJob(); var in = Files.newInputStream(Samples.get("plain.jpg"))) {
                assertThat(intake.receive(in, new DeclaredType(null, agreeing), job).type()).isEqualTo(ImageType.JPEG);
            }
        }
        for (String lying : new String[] {"image/png", "text/plain", "image/svg+xml"}) {
            try (JobDir job = area.newJob(); var in = Files.newInputStream(Samples.get("plain.jpg"))) {
                assertThat(refusalOf(() -> intake.receive(in, new DeclaredType(null, lying), job)))
                        .isEqualTo(ErrorCode.TYPE_MISMATCH);
            }
        }
    }

    @Test
    void a_stream_is_cut_off_as_soon_as_it_passes_the_byte_limit() throws Exception {
        byte[] big = new byte[5_000_000];
        int[] served = {0};
        InputStream counting = new ByteArrayInputStream(big) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                served[0] += Math.max(n, 0);
                return n;
            }
        };
        try (JobDir job = area.newJob()) {
            assertThat(refusalOf(() -> intake(100_000, 1_000_000, 1).receive(counting, DeclaredType.name("big.png"), job)))
                    .isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(served[0]).isLessThan(200_000);
        }
    }

    private static ErrorCode refusalOf(Runnable action) {
        try {
            action.run();
        } catch (DarkroomException e) {
            return e.code();
        }
        return null;
    }

    @Test
    void job_directories_are_private_and_removed_with_everything_in_them() throws Exception {
        Path dir;
        try (JobDir job = area.newJob()) {
            dir = job.path();
            Files.writeString(job.file("output.png"), "x");
        }
        assertThat(dir).doesNotExist();
        assertThat(Files.getPosixFilePermissions(area.root()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    }
    @Test
    void rewriting_the_source_after_intake_changes_nothing_the_job_reads_or_records() throws Exception {
        // The drop folder's file lives in the same file system as the job, where a hard link would be possible.
        Path source = work.resolve("dropped.png");
        Files.copy(Samples.get("alpha.png"), source);
        byte[] checked = Files.readAllBytes(source);
        try (JobDir job = area.newJob()) {
            AcceptedImage accepted = intake(1 << 20, 1_000_000, 10).receive(source, DeclaredType.name("dropped.png"), job);
            // Rewritten in place (same inode) while the job waits for a worker: now a pixel bomb.
            try (var out = Files.newOutputStream(source, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(Files.readAllBytes(Samples.get("pixel-bomb.png")));
            }

            byte[] processed = Files.readAllBytes(accepted.file());
            assertThat(sha256(processed)).as("what ImageMagick will read").isEqualTo(sha256(checked));
            assertThat(accepted.sha256()).as("what the record says").isEqualTo(sha256(processed));
            assertThat(accepted.bytes()).isEqualTo(processed.length);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
