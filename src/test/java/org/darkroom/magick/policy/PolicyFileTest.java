package org.darkroom.magick.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

    @Test
    void readsOurPolicy() {
        PolicyFile ours = PolicyFile.load(Convert.policyDir().resolve("policy.xml"));

        assertThat(ours.path()).isAbsolute();
        assertThat(ours.rules()).first().isEqualTo(new PolicyRule("resource", "thread", null,
                EnumSet.noneOf(Right.class), "1", ours.path().toString()));
        assertThat(ours.rules()).extracting(PolicyRule::domain).containsSubsequence("coder", "coder", "coder");
        assertThat(ours.rules()).anySatisfy(r -> {
            assertThat(r.domain()).isEqualTo("coder");
            assertThat(r.pattern()).isEqualTo("INFO");
            assertThat(r.rights()).containsExactly(Right.WRITE);
        });
    }

    @Test
    void refusesWhatImageMagickWouldReadDifferently(@TempDir Path dir) throws IOException {
        Path doctype = write(dir, "a.xml", "<!DOCTYPE policymap [ <!ELEMENT policymap (policy)*> ]><policymap/>");
        Path include = write(dir, "b.xml", "<policymap><include file=\"other.xml\"/></policymap>");
        Path badRight = write(dir, "c.xml", "<policymap><policy domain=\"coder\" rights=\"maybe\" pattern=\"*\"/>"
                + "</policymap>");

        assertThatThrownBy(() -> PolicyFile.load(doctype)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyFile.load(include)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyFile.load(badRight)).hasMessageContaining("maybe");
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
