package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.NpmTools;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page and Swagger UI in a real browser: Debian's Chromium, driven headless by {@code tools/check-page.js}
 * (playwright-core from npm, which downloads no browser), against a Darkroom with an API key. The page asks for the
 * key, lists the catalog and the inboxes, makes a thumbnail of an upload and shows it beside the input, shows a
 * problem's code; Swagger UI renders every operation and "Try it out" carries the key. No Content-Security-Policy
 * violation on the way. The screenshots are kept in {@code target/screenshots/}.
 */
class BrowserPageTest {
    private static final String KEY = "browser-key";
    private static final String PLAYWRIGHT = "1.65.1";

    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of("darkroom.http.api-keys", KEY,
            "darkroom.inbox.browser.flow", "thumbnail"));

    @Test
    void the_page_and_swagger_ui_work_in_chromium_with_an_api_key() throws Exception {
        DataDir data = SERVICE.darkroom().data();
        data.drop("browser", Samples.get("photo.jpg"), "photo.jpg");
        data.drop("browser", Samples.get("README.md"), "notes.jpg");
        data.awaitAccounted("browser", 2, Duration.ofSeconds(30));

        JsonNode seen = drive();

        assertThat(seen.has("failed")).as(seen.path("failed").asText()).isFalse();
        assertThat(seen.at("/csp").size()).as(seen.at("/csp").toString()).isZero();
        assertThat(seen.at("/pageErrors").size()).as(seen.at("/pageErrors").toString()).isZero();
        assertThat(seen.at("/withoutKey").asText()).contains("needs an API key");
        assertThat(seen.at("/noticeHidden").asBoolean()).isTrue();
        assertThat(texts(seen.at("/catalog"))).contains("thumbnail", "resize", "info");
        assertThat(texts(seen.at("/thumbnailParameters"))).contains("width", "height", "format");
        assertThat(seen.at("/inboxes").toString()).contains("[\"browser\",\"thumbnail\",\"0\",\"1\",\"1\"]");
        assertThat(seen.at("/failures/0/1").asText()).isEqualTo("notes.jpg");
        assertThat(seen.at("/failures/0/2").asText()).isEqualTo("unsupported_type");

        // photo.jpg is 640×427 stored with EXIF orientation 6: the browser shows it upright, 427×640, and the
        // thumbnail is upright too, fitted into the default 256×256 box.
        assertThat(seen.at("/input/width").asInt()).isEqualTo(427);
        assertThat(seen.at("/input/height").asInt()).isEqualTo(640);
        assertThat(seen.at("/thumbnail/width").asInt()).isEqualTo(171);
        assertThat(seen.at("/thumbnail/height").asInt()).isEqualTo(256);
        assertThat(seen.at("/thumbnail/scheme").asText()).isEqualTo("blob:");
        assertThat(seen.at("/record/output/height").asInt()).isEqualTo(256);
        assertThat(seen.at("/problem").asText()).contains("415", "unsupported_type");

        assertThat(texts(seen.at("/operations"))).contains("/v1/flows", "/v1/flows/thumbnail", "/v1/inboxes");
        assertThat(seen.at("/tryItOut").asText()).isEqualTo("200");
        for (String shot : List.of("page-without-key.png", "page-thumbnail.png", "page-problem.png", "docs.png",
                "docs-try-it-out.png")) {
            assertThat(screenshots().resolve(shot)).isNotEmptyFile();
        }
    }

    private static JsonNode drive() throws Exception {
        Path modules = NpmTools.install("playwright-core", PLAYWRIGHT);
        // Copied beside node_modules, the script finds playwright-core the way node finds any installed module.
        Path script = Files.copy(Samples.projectDir().resolve("tools/check-page.js"),
                modules.getParent().resolve("check-page.js"), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(screenshots());
        String output = NpmTools.run(modules.getParent(), List.of("node", script.toString(),
                "http://127.0.0.1:" + SERVICE.darkroom().port(), KEY, Samples.get("photo.jpg").toString(),
                Samples.get("README.md").toString(), screenshots().toString()));
        return HttpClientSupport.json(output.strip());
    }

    /** Test artefacts, kept after the run (not in a temporary folder). */
    private static Path screenshots() {
        return Samples.projectDir().resolve("target/screenshots");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
