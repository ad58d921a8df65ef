package org.darkroom.magick.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ImageMagick itself, under our policy, refuses the payloads behind ImageTragick and its successors, even when
 * they are handed over with an explicit coder prefix and no intake in front; the eight formats still convert.
 */
class PolicyEnforcementTest {
    private static final String PASSWD_LINE = "root:x:0:0";
    private static final String REFUSED = "not allowed by the security policy";

    @TempDir
    Path work;

    @BeforeEach
    void needsConvert() {
        Convert.assumeInstalled();
    }

    @Test
    void mvgThatDrawsPasswdIsRefused() throws Exception {
        Path payload = Files.writeString(work.resolve("payload"), """
                push graphic-context
                viewbox 0 0 640 480
                image over 0,0 640,480 "text:/etc/passwd"
                pop graphic-context
                """);
        assertRefused("mvg:" + payload, "MVG");
    }

    @Test
    void svgThatLinksPasswdIsRefused() throws Exception {
        Path payload = Files.writeString(work.resolve("payload"), """
                <?xml version="1.0"?>
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                     width="64" height="64">
                  <image xlink:href="text:/etc/passwd" width="64" height="64"/>
                </svg>
                """);
        assertRefused("svg:" + payload, "SVG");
    }

    @Test
    void mslThatCopiesPasswdIsRefused() throws Exception {
        Path written = work.resolve("msl-wrote-this.png");
        Path payload = Files.writeString(work.resolve("payload"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <image>
                  <read filename="text:/etc/passwd"/>
                  <write filename="%s"/>
                </image>
                """.formatted(written));
        assertRefused("msl:" + payload, "MSL");
        assertThat(written).doesNotExist();
    }

    @Test
    void textCoderIsRefused() throws Exception {
        assertRefused("text:/etc/passwd", "TEXT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LABEL", "CAPTION"})
    void textRenderersAreRefused(String coder) throws Exception {
        String spec = coder.toLowerCase(Locale.ROOT) + ":hi";
        // Control: without our policy this very command renders, so the refusal below is the policy's doing.
        Path control = work.resolve("control");
        assertThat(Convert.run(null, work, spec, "png:" + control).exit()).isZero();
        assertThat(control).isNotEmptyFile();
        assertRefused(spec, coder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "webp", "tiff", "bmp", "heic", "avif"})
    void eachAllowedFormatStillReadsAndWrites(String format) throws Exception {
        Path source = work.resolve("source");
        assertThat(Convert.run(null, work, "-size", "32x24", "gradient:red-blue", format + ":" + source).exit())
                .isZero();
        Path out = work.resolve("out");
        Convert.Result result = Convert.run(Convert.policyDir().toString(), work, "-regard-warnings", "-limit",
                "thread", "1", format + ":" + source + "[0]", "-auto-orient", "-resize", "16x12", "-strip",
                format + ":" + out);
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(out).isNotEmptyFile();
    }

    @Test
    void thumbnailAndInfoCommandsWork() throws Exception {
        Path jpeg = work.resolve("in");
        Convert.run(null, work, "-size", "1200x900", "gradient:red-blue", "jpeg:" + jpeg);
        String policy = Convert.policyDir().toString();
        Path thumb = work.resolve("thumb");
        Convert.Result result = Convert.run(policy, work, "-limit", "thread", "1", "-define", "jpeg:size=512x512",
                "jpeg:" + jpeg + "[0]", "-auto-orient", "-thumbnail", "256x256>", "-strip", "-quality", "85",
                "png:" + thumb);
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(Files.readAllBytes(thumb)).startsWith(0x89, 'P', 'N', 'G');
        Path info = work.resolve("info");
        result = Convert.run(policy, work, "-ping", "jpeg:" + jpeg + "[0]", "-format", "%w %h %[colorspace]",
                "info:" + info);
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(Files.readString(info)).isEqualTo("1200 900 sRGB");
    }

    /**
     * Non-zero exit, no output, no passwd line anywhere, and ImageMagick's own word that the policy refused
     * {@code coder}: the policy error, or (because our module rule keeps the module from loading at all, after
     * which IM6 takes {@code mvg:/path} for a plain file name and says only "no decode delegate") the refusal
     * it logs under {@code -debug policy}.
     */
    private void assertRefused(String input, String coder) throws IOException, InterruptedException {
        Path out = work.resolve("out");
        String policy = Convert.policyDir().toString();
        Convert.Result result = Convert.run(policy, work, input, "png:" + out);
        Convert.Result debug = Convert.run(policy, work, "-debug", "policy", input, "png:" + out);

        assertThat(result.exit()).isNotZero();
        assertThat(debug.exit()).isNotZero();
        assertThat(out).doesNotExist();
        assertThat(result.stdout() + result.stderr() + debug.stdout() + debug.stderr()).doesNotContain(PASSWD_LINE);
        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.filter(Files::isRegularFile)).noneMatch(f -> read(f).contains(PASSWD_LINE));
        }
        Pattern refusal = Pattern.compile("Domain: (Coder|Module);[^\\n]*pattern=\"" + coder + "\"[^\\n]*\\n"
                + "[^\\n]*\\n?\\s*authorized: false");
        assertThat(result.stderr().contains(REFUSED) || refusal.matcher(debug.stderr()).find())
                .as("ImageMagick names the policy as the reason it refused %s:%n%s", coder, result.stderr())
                .isTrue();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
