package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.darkroom.door.InboxOverview;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/inboxes} counts what real files in the folders say: inputs waiting, done and failed, with the
 * failures' reasons; it needs the API key like the catalog, names no server path, and stops counting at its limit.
 */
class InboxesEndpointTest {
    private static final String KEY = "inbox-key";

    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of("darkroom.http.api-keys", KEY,
            "darkroom.inbox.census.flow", "thumbnail", "darkroom.inbox.crowded.flow", "info",
            "darkroom.inbox.records.flow", "info"));

    @TempDir
    Path dir;

    @Test
    void counts_waiting_done_and_failed_inputs_with_the_reasons_of_the_failures() throws Exception {
        DataDir data = SERVICE.darkroom().data();
        data.drop("census", Samples.get("photo.jpg"), "photo.jpg");
        data.drop("census", Files.writeString(dir.resolve("notes.txt"), "not an image"), "notes.txt");
        data.awaitAccounted("census", 2, Duration.ofSeconds(30));
        // A file whose time is in the future has not settled, so it waits in the inbox for as long as this test runs.
        Path waiting = Files.copy(Samples.get("plain.jpg"), data.inbox("census").resolve("later.jpg"));
        Files.setLastModifiedTime(waiting, FileTime.from(Instant.now().plus(Duration.ofHours(1))));

        HttpResponse<byte[]> response = get("/v1/inboxes", KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain(SERVICE.dir().toString());
        JsonNode census = inbox(HttpClientSupport.json(response), "census");
        assertThat(census.at("/flow").asText()).isEqualTo("thumbnail");
        assertThat(census.at("/waiting").asLong()).isEqualTo(1);
        assertThat(census.at("/done").asLong()).isEqualTo(1);
        assertThat(census.at("/failed").asLong()).isEqualTo(1);
        assertThat(census.at("/capped").size()).isZero();
        JsonNode failure = census.at("/failures/0");
        assertThat(failure.at("/name").asText()).isEqualTo("notes.txt");
        assertThat(failure.at("/code").asText()).isEqualTo("unsupported_type");
        assertThat(failure.at("/message").asText()).isEqualTo(data.error("census", "notes.txt").at("/message").asText());
        assertThat(failure.at("/request_id").asText()).isEqualTo(data.error("census", "notes.txt").at("/request_id").asText());
        assertThat(Instant.parse(failure.at("/when").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(census.at("/failures").size()).isEqualTo(1);
    }

    @Test
    void needs_the_api_key_like_the_catalog() {
        HttpResponse<byte[]> response = get("/v1/inboxes", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void a_crowded_folder_is_counted_up_to_the_limit_and_says_so() throws Exception {
        Path outbox = Files.createDirectories(SERVICE.darkroom().data().outbox("crowded"));
        for (int i = 0; i <= InboxOverview.COUNT_LIMIT; i++) {
            Files.createFile(outbox.resolve("image-" + i + ".jpg.json"));
        }

        JsonNode document = HttpClientSupport.json(get("/v1/inboxes", KEY));

        JsonNode crowded = inbox(document, "crowded");
        assertThat(crowded.at("/done").asLong()).isEqualTo(InboxOverview.COUNT_LIMIT);
        assertThat(crowded.at("/capped/0").asText()).isEqualTo("done");
        assertThat(document.at("/count_limit").asInt()).isEqualTo(InboxOverview.COUNT_LIMIT);
    }

    @Test
    void only_the_latest_failures_are_read_newest_first_and_an_unreadable_record_still_shows() throws Exception {
        Path failed = Files.createDirectories(SERVICE.darkroom().data().failed("records"));
        Instant now = Instant.now();
        for (int i = 0; i < 7; i++) {
            Files.writeString(failed.resolve("f" + i + ".jpg"), "input");
            Path record = Files.writeString(failed.resolve("f" + i + ".jpg.error.json"), "{\"code\": \"undecodable\","
                    + " \"message\": \"m" + i + "\", \"name\": \"f" + i + ".jpg\", \"request_id\": \"r" + i + "\"}");
            Files.setLastModifiedTime(record, FileTime.from(now.minus(Duration.ofMinutes(i + 1))));
        }
        Files.writeString(failed.resolve("garbled.jpg.error.json"), "{not json");

        JsonNode records = inbox(HttpClientSupport.json(get("/v1/inboxes", KEY)), "records");

        assertThat(records.at("/failed").asLong()).isEqualTo(7);
        List<String> names = new ArrayList<>();
        records.at("/failures").forEach(failure -> names.add(failure.at("/name").asText()));
        assertThat(names).containsExactly("garbled.jpg", "f0.jpg", "f1.jpg", "f2.jpg", "f3.jpg");
        assertThat(records.at("/failures/0/message").asText()).isEqualTo("The error record could not be read.");
        assertThat(records.at("/failures/0/code").isNull()).isTrue();
        assertThat(records.at("/failures/1/message").asText()).isEqualTo("m0");
    }

    @Test
    void without_the_drop_folder_door_the_list_is_empty() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), Map.of("darkroom.doors", "http"))) {
            HttpResponse<byte[]> response = darkroom.http().send(darkroom.http().request("/v1/inboxes").GET().build());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(HttpClientSupport.json(response).at("/inboxes").isArray()).isTrue();
            assertThat(HttpClientSupport.json(response).at("/inboxes").size()).isZero();
        }
    }

    private static HttpResponse<byte[]> get(String path, String key) {
        var request = SERVICE.http().request(path).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return SERVICE.http().send(request.build());
    }

    private static JsonNode inbox(JsonNode document, String name) {
        for (JsonNode inbox : document.at("/inboxes")) {
            if (inbox.at("/inbox").asText().equals(name)) {
                return inbox;
            }
        }
        throw new AssertionError("no inbox " + name + " in " + document);
    }
}
