package org.darkroom.doors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What no answer of any door may carry: a server path, a stack trace, ImageMagick's own words, or the API key. */
final class Leaks {
    private final List<String> secrets;

    /** {@code secrets}: the service's data and work directories, the test's folders and its API key. */
    Leaks(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    void assertNoneIn(String answer) {
        assertThat(answer).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("convert:")
                .doesNotContain("/usr/bin").doesNotContain("org.darkroom");
        for (String secret : secrets) {
            assertThat(answer).doesNotContain(secret);
        }
    }
}
