package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.darkroom.flow.ErrorCode;
import org.darkroom.testing.Deflated;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ImageMagick process runs under an address-space cap set from outside ImageMagick, so memory ImageMagick
 * does not count (here libpng inflating a zTXt bomb that intake would have refused) still cannot grow past it.
 */
class MagickMemoryCapTest {
    @TempDir
    Path dir;

    @Test
    void a_metadata_bomb_that_reaches_imagemagick_stops_at_the_memory_cap() throws Exception {
        // 1x1 pixel, one zTXt chunk of about 1 MB that inflates to 1 GiB of text.
        Path bomb = Files.write(dir.resolve("bomb.png"), onePixelPngWithText(Deflated.zeros(1L << 30)));
        MagickEnvironment environment = new MagickEnvironment(Path.of("/usr/bin/convert"),
                Samples.projectDir().resolve("policy"), dir, 1, 60, 512L << 20, 64, 50_000_000L);
        Path output = dir.resolve("out.png");
        List<String> command = new ArrayList<>(List.of(MagickEnvironment.ENV));
        command.addAll(environment.jobCommandLine(List.of("png:" + bomb, "png:" + output)));

        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String stderr = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        process.destroyForcibly();

        assertThat(finished).isTrue();
        assertThat(process.exitValue()).as(stderr).isNotZero();
        assertThat(took).as("stopped at the cap, not after inflating a gigabyte").isLessThan(Duration.ofSeconds(15));
        assertThat(MagickErrors.classify(stderr, false).code()).as(stderr).isEqualTo(ErrorCode.TOO_MANY_PIXELS);
    }

    @Test
    void the_cap_and_the_per_job_limits_are_on_every_command_line_without_a_shell() {
        MagickEnvironment environment = new MagickEnvironment(Path.of("/usr/bin/convert"), dir, dir, 1, 62,
                1L << 30, 10, 1_000_000L);
        List<String> line = environment.jobCommandLine(List.of("png:in", "png:out"));
        assertThat(String.join(" ", line)).contains("/usr/bin/setpriv --pdeathsig KILL -- /usr/bin/prlimit"
                + " --as=1073741824 -- /usr/bin/convert")
                .contains("-limit list-length 11").contains("-limit area 1000000").doesNotContain("/bin/sh");
    }

    private static byte[] onePixelPngWithText(byte[] compressedText) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).array());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
        text.writeBytes(new byte[] {0, 0});
        text.writeBytes(compressedText);
        chunk(out, "zTXt", text.toByteArray());
        // One grey pixel: filter byte 0, value 0, deflated.
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    // libpng checks CRCs, so this crafting, unlike intake's, must get them right.
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
