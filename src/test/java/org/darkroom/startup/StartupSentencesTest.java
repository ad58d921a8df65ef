package org.darkroom.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.darkroom.testing.RunningDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a refused start says and which exit status it gets, for each kind of wrong setting and each machine problem,
 * through the service's own start in this JVM ({@link StartupRefusalsTest} runs the real process for a few).
 */
class StartupSentencesTest {
    @TempDir
    Path dir;

    private StartupFailure failure(Map<String, String> settings) {
        Throwable thrown = catchThrowable(() -> RunningDarkroom.start(dir.resolve("data"), settings).close());
        assertThat(thrown).as("the start is refused").isNotNull();
        return StartupFailure.of(thrown);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "darkroom.http.port | 0 | Setting darkroom.http.port (--port) must be a port number from 1 to 65535, not '0'.",
        "darkroom.http.port | 65536 | Setting darkroom.http.port (--port) must be a port number from 1 to 65535, not '65536'.",
        "darkroom.http.host | no-such-host.invalid | Setting darkroom.http.host (--host) must be an IP address or a host name that resolves, not 'no-such-host.invalid'.",
        "darkroom.workers | many | Setting darkroom.workers (--workers) must be 0 or a positive whole number, not 'many'.",
        "darkroom.http.prot | 9000 | Setting darkroom.http.prot is not one Darkroom knows (did you mean darkroom.http.port?); the README's configuration table lists them all.",
        "darkroom.limits.max-bytes | lots | Setting darkroom.limits.max-bytes must be a positive size such as 50MiB, not 'lots'.",
        "darkroom.drop.poll-delay-ms | soon | Setting darkroom.drop.poll-delay-ms must be a positive whole number, not 'soon'.",
        "darkroom.drop.max-files-per-poll | -1 | Setting darkroom.drop.max-files-per-poll must be a positive whole number, not '-1'.",
        "camel.main.shutdown-timeout | 1m | Setting camel.main.shutdown-timeout must be a positive whole number, not '1m'.",
        "darkroom.fetch.allow-http | yes | Setting darkroom.fetch.allow-http must be true or false, not 'yes'.",
        "darkroom.doors | inbox,ftp | Setting darkroom.doors names an unknown door 'ftp'; doors are inbox, http, mcp.",
        "darkroom.http.host | 0.0.0.0 | darkroom.http.host is 0.0.0.0, which other machines can reach, but no API keys are set. Set darkroom.http.api-keys (DARKROOM_HTTP_API_KEYS) or bind to 127.0.0.1.",
        "darkroom.inbox.web.width | huge | Inbox 'web': Parameter 'width' must be a whole number in 1..16384 (got 'huge').",
        "darkroom.log.format | xml | Setting darkroom.log.format must be text or json, not 'xml'.",
        "darkroom.node | edge 1 | Setting darkroom.node must be 1 to 64 letters, digits, dots, colons, dashes or underscores, not 'edge 1'.",
        "darkroom.max-in-flight | few | Setting darkroom.max-in-flight must be 0 or a positive whole number, not 'few'.",
    })
    void a_wrong_setting_is_named_with_its_value_and_status_2(String key, String value, String sentence) {
        assertThat(failure(Map.of(key, value))).isEqualTo(new StartupFailure(sentence, StartupFailure.SETTINGS));
    }

    @Test
    void the_old_and_new_names_of_the_in_flight_limit_must_not_disagree() {
        assertThat(failure(Map.of("darkroom.max-in-flight", "8", "darkroom.http.max-in-flight", "4")))
                .isEqualTo(new StartupFailure("Setting darkroom.http.max-in-flight (4) is the old name of"
                        + " darkroom.max-in-flight (8), and the two disagree; keep only darkroom.max-in-flight.",
                        StartupFailure.SETTINGS));
    }

    @Test
    void imagemagick_without_our_policy_in_force_is_refused_with_status_1() throws Exception {
        Path noPolicy = Files.createDirectories(dir.resolve("no-policy"));
        StartupFailure failure = failure(Map.of("darkroom.magick.policy-dir", noPolicy.toString()));
        assertThat(failure.status()).isEqualTo(StartupFailure.REFUSED);
        assertThat(failure.sentence()).contains("ImageMagick").doesNotContain("\\n");
    }

    @Test
    void a_data_directory_that_cannot_be_created_is_refused_with_status_1() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        StartupFailure failure = failure(Map.of("darkroom.data", file.toString()));
        assertThat(failure).isEqualTo(new StartupFailure("The data directory " + file
                + " cannot be used (a file is in the way): choose another with --data or DARKROOM_DATA, or fix its"
                + " permissions.", StartupFailure.REFUSED));
    }
}
