package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.NpmTools;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document as Redocly's recommended ruleset judges it (no error), and as client generators read it:
 * binary bodies with plain binary first, every header and status the door answers with.
 */
class OpenApiLintTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());

    @Test
    void redoclys_recommended_rules_find_no_error() throws Exception {
        Path modules = NpmTools.install("@redocly/cli", "2.77.0");
        Path document = Files.write(SERVICE.dir().resolve("openapi.json"),
                SERVICE.http().send(SERVICE.http().request("/openapi.json").GET().build()).body());
        String report = NpmTools.run(SERVICE.dir(), List.of(modules.resolve(".bin/redocly").toString(), "lint",
                document.toString(), "--extends=recommended", "--format=json"), 0, 1);
        JsonNode totals = HttpClientSupport.json(report).at("/totals");
        assertThat(totals.at("/errors").asInt()).as(report).isZero();

        // The same document without its servers, as it was before: the ruleset counts that as an error.
        com.fasterxml.jackson.databind.node.ObjectNode serverless = (com.fasterxml.jackson.databind.node.ObjectNode)
                HttpClientSupport.json(Files.readString(document));
        serverless.remove("servers");
        Path older = Files.writeString(SERVICE.dir().resolve("serverless.json"), serverless.toString());
        String complaint = NpmTools.run(SERVICE.dir(), List.of(modules.resolve(".bin/redocly").toString(), "lint",
                older.toString(), "--extends=recommended", "--format=json"), 0, 1);
        assertThat(HttpClientSupport.json(complaint).at("/totals/errors").asInt()).isPositive();
    }

    @Test
    void uploads_lead_with_plain_binary_and_every_status_says_what_it_carries() throws Exception {
        JsonNode document = HttpClientSupport.json(SERVICE.http().send(SERVICE.http().request("/openapi.json")
                .GET().build()));
        JsonNode thumbnail = document.at("/paths/~1v1~1flows~1thumbnail/post");
        assertThat(thumbnail.at("/requestBody/content").fieldNames().next()).isEqualTo("application/octet-stream");
        assertThat(thumbnail.at("/requestBody/content/image~1png/schema/format").asText()).isEqualTo("binary");
        assertThat(thumbnail.at("/responses/200/content/image~1webp/schema/format").asText()).isEqualTo("binary");
        assertThat(thumbnail.at("/responses/200/headers/X-Darkroom-Result").isObject()).isTrue();
        assertThat(thumbnail.at("/responses/429/headers/Retry-After").isObject()).isTrue();
        assertThat(thumbnail.at("/responses/503/headers/Retry-After").isObject()).isTrue();
        assertThat(thumbnail.at("/responses/500").isObject()).isTrue();
        assertThat(thumbnail.at("/responses/400/headers/X-Request-Id").isObject()).isTrue();
        assertThat(thumbnail.at("/tags/0").asText()).isEqualTo("images");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/");
    }
}
