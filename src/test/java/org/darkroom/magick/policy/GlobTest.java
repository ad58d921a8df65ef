package org.darkroom.magick.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ImageMagick's policy glob, case by case; rows marked "verified" were checked against convert 6.9.11 here. */
class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "PNG | * | true",
            "PNG | \"\" | true",
            "PNG | PNG | true",
            "PNG | png | false",                    // verified: pattern gif does not deny GIF
            "PNG | {JPEG,PNG,GIF} | true",
            "PNG8 | {JPEG,PNG,GIF} | false",
            "PNG | {PN,JP}G | true",                // verified: alternatives take the rest of the pattern
            "BMP | {BM}* | true",                   // verified
            "JPEG | {PN,JP}G | false",
            "PNG | P?G | true",
            "PNG | P?? | true",
            "PNG | P? | false",
            "fd:0 | [Ff][Dd]:* | true",
            "FD:12 | [Ff][Dd]:* | true",
            "Fx:0 | [Ff][Dd]:* | false",
            "b | [a-c] | true",
            "d | [a-c] | false",
            "@/tmp/list | @* | true",
            "/tmp/a@b | @* | false",
            "/tmp/x/../../etc/passwd | *../* | true",
            "/tmp/x/in | *../* | false",
            "/etc/passwd | /etc/* | true",
            "/etc | /etc/* | false",
            "/tmp/etc/passwd | /etc/* | false",
            "- | - | true",
            "-x | - | false",
            "\"|/bin/sh\" | \"|*\" | true",
            "a\\b | a\\*b | true",                  // verified: a backslash escape matches a backslash
            "a*b | a\\*b | false",                  // verified
            "img.png | img.png[2] | false",
            "img.png[2] | img.png[2] | false",
            "abc | a*c | true",
            "ac | a*c | true",
            "ab | a*c | false",
            "a | a** | true",
            "AXYZ | A{,B} | true",
    })
    void matchesAsImageMagickDoes(String expression, String pattern, boolean expected) {
        assertThat(Glob.matches(expression, pattern)).isEqualTo(expected);
    }

    @Test
    void nullPatternMatchesEverything() {
        assertThat(Glob.matches("ANYTHING", null)).isTrue();
    }
}
