package org.darkroom.magick.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectivePolicyTest {
    /** IM6 style, captured from Debian's convert 6.9.11-60: leading blank line, a space after each right. */
    private static final String IM6 = """

            Path: /srv/darkroom/policy/policy.xml
              Policy: Resource
                name: memory
                value: 768MiB
              Policy: Coder
                rights: None\s
                pattern: *
              Policy: Coder
                rights: Read Write\s
                pattern: {JPEG,PNG}
              Policy: System
                name: symlink

            Path: /etc/ImageMagick-6/policy.xml
              Policy: Resource
                name: memory
                value: 256MiB
              Policy: Coder
                rights: None\s
                pattern: URL

            Path: [built-in]
              Policy: Undefined
                rights: None\s
            """;

    /** IM7 style, as ImageMagick's security-policy page prints it: no blank line, no trailing spaces; CRLF here. */
    private static final String IM7 = String.join("\r\n",
            "Path: /etc/ImageMagick-7/policy.xml",
            "  Policy: Cache",
            "    name: memory-map",
            "    value: anonymous",
            "  Policy: Resource",
            "    name: list-length",
            "    value: 32",
            "  Policy: Module",
            "    rights: Write",
            "    pattern: {HTTP,HTTPS,MVG,PS,PDF}",
            "  Policy: Path",
            "    rights: None",
            "    pattern: @*",
            "  Policy: System",
            "    name: font",
            "    value: /usr/share/fonts/arial-unicode.ttf",
            "",
            "Path: [built-in]",
            "  Policy: Undefined",
            "    rights: None");

    @Test
    void parsesIm6Layout() {
        EffectivePolicy policy = EffectivePolicy.parse(IM6);

        assertThat(policy.sources()).containsExactly("/srv/darkroom/policy/policy.xml",
                "/etc/ImageMagick-6/policy.xml", "[built-in]");
        assertThat(policy.rules()).hasSize(7);
        assertThat(policy.rules().get(2)).isEqualTo(new PolicyRule("coder", null, "{JPEG,PNG}",
                EnumSet.of(Right.READ, Right.WRITE), null, "/srv/darkroom/policy/policy.xml"));
        assertThat(policy.rules().get(3).name()).isEqualTo("symlink");
        assertThat(policy.resourceValue("memory")).contains("768MiB");   // the first file that names it wins
        assertThat(policy.resourceValue("disk")).isEmpty();
        assertThat(policy.allows("coder", "png", Right.WRITE)).isTrue();
        assertThat(policy.allows("coder", "GIF", Right.READ)).isFalse();
        assertThat(policy.allows("module", "MVG", Right.READ)).isTrue();  // no module rules at all: open
    }

    @Test
    void parsesIm7Layout() {
        EffectivePolicy policy = EffectivePolicy.parse(IM7);

        assertThat(policy.sources()).containsExactly("/etc/ImageMagick-7/policy.xml", "[built-in]");
        assertThat(policy.rules()).extracting(PolicyRule::domain)
                .containsExactly("cache", "resource", "module", "path", "system", "undefined");
        assertThat(policy.resourceValue("LIST-LENGTH")).contains("32");
        assertThat(policy.allows("module", "PDF", Right.WRITE)).isTrue();
        assertThat(policy.allows("module", "PDF", Right.READ)).isFalse();
        assertThat(policy.allows("path", "@/etc/passwd", Right.READ)).isFalse();
        assertThat(policy.rules().get(4).value()).isEqualTo("/usr/share/fonts/arial-unicode.ttf");
    }

    @Test
    void lastMatchingRuleWinsAcrossFiles() {
        EffectivePolicy policy = EffectivePolicy.parse(IM6 + """
                Path: /home/someone/.config/ImageMagick/policy.xml
                  Policy: Coder
                    rights: Read\s
                    pattern: {GIF,URL}
                """);

        assertThat(policy.allows("coder", "GIF", Right.READ)).isTrue();
        assertThat(policy.allows("coder", "GIF", Right.WRITE)).isFalse();
        assertThat(policy.allows("coder", "URL", Right.READ)).isTrue();
    }

    @Test
    void refusesToGuessRightsItCannotSee() {
        EffectivePolicy policy = EffectivePolicy.parse(IM6);

        assertThatThrownBy(() -> policy.allows("resource", "memory", Right.READ))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EffectivePolicy.parse("Path: x\n  Policy: Coder\n    rights: Sometimes\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesRealIm6Output(@TempDir Path work) throws Exception {
        Convert.assumeInstalled();
        EffectivePolicy policy = EffectivePolicy.parse(Convert.listPolicy(Convert.policyDir().toString(), work));
        PolicyFile ours = PolicyFile.load(Convert.policyDir().resolve("policy.xml"));

        assertThat(policy.sources()).contains(ours.path().toString());
        assertThat(policy.sources()).endsWith("[built-in]");
        assertThat(policy.rules()).filteredOn(r -> r.source().equals(ours.path().toString()))
                .hasSameSizeAs(ours.rules());
        assertThat(policy.resourceValue("memory")).contains("768MiB");
        assertThat(policy.allows("coder", "MVG", Right.READ)).isFalse();
        assertThat(policy.allows("coder", "webp", Right.WRITE)).isTrue();
        assertThat(policy.allows("coder", "INFO", Right.WRITE)).isTrue();
        assertThat(policy.allows("coder", "INFO", Right.READ)).isFalse();
        assertThat(policy.allows("path", "/proc/self/environ", Right.READ)).isFalse();
        assertThat(policy.allows("path", work.resolve("in").toString(), Right.READ)).isTrue();
    }
}
