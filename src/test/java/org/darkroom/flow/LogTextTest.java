package org.darkroom.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from outside cannot break, forge or colour a log line, and ordinary names read as they are. */
class LogTextTest {
    @Test
    void ordinary_names_pass_unchanged() {
        assertThat(LogText.of("photo 2024 (1).jpg")).isEqualTo("photo 2024 (1).jpg");
        assertThat(LogText.of("café-東京-фото.jpg")).isEqualTo("café-東京-фото.jpg");
    }

    @Test
    void line_breaks_and_controls_are_escaped_so_no_line_can_be_forged() {
        String escaped = LogText.of("a.jpg\nINFO forged\r\u001b[2J\u0000\u0085\u2028\u202e");
        assertThat(escaped).isEqualTo("a.jpg\\nINFO forged\\r\\u001b[2J\\u0000\\u0085\\u2028\\u202e");
        assertThat(escaped.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void the_backslash_is_escaped_so_an_escape_cannot_be_faked() {
        assertThat(LogText.of("a\\nb")).isEqualTo("a\\\\nb");
        assertThat(LogText.of("tab\there")).isEqualTo("tab\\there");
    }

    @Test
    void lone_surrogates_and_odd_spaces_are_shown_not_passed() {
        assertThat(LogText.of("x\ud800y\u00a0z")).isEqualTo("x\\ud800y\\u00a0z");
        assertThat(LogText.of(null)).isEqualTo("null");
    }
}
