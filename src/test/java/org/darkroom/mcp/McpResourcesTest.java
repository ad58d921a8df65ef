package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.ListResourcesResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpOverHttp;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resources in detail, with the SDK's own client over {@code /mcp} (both transports share the code; McpContract
 * runs the essentials over stdio too): which files are listed and with what type, pages that resume without loss,
 * reading, and every way a URI is refused without naming a server path.
 */
class McpResourcesTest {
    private static final long MAX_BYTES = 60_000;

    @RegisterExtension
    static final McpOverHttp SERVER = new McpOverHttp(McpResourcesTest::setUp);
    private final Path dir = SERVER.dir();
    private final Path read = dir.resolve("read");
    private final Path write = dir.resolve("write");
    private final Path outside = dir.resolve("outside");
    private final McpSyncClient client = SERVER.client();

    private static Map<String, String> setUp(Path dir) throws Exception {
        Path read = Files.createDirectories(dir.resolve("read"));
        Path write = Files.createDirectories(dir.resolve("write"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path deep = Files.createDirectories(read.resolve("trip/day 1"));
        for (String sample : List.of("plain.jpg", "alpha.png", "drawing.svg", "scan.tiff", "photo.webp",
                "not-an-image.jpg", "payload-msl.png", "mismatch.png", "empty.png", "photo.dng")) {
            Files.copy(Samples.get(sample), read.resolve(sample));
        }
        Files.copy(Samples.get("plain.jpg"), deep.resolve("beach.jpg"));
        Files.copy(Samples.get("plain.jpg"), read.resolve(".hidden.jpg"));
        Files.copy(Samples.get("plain.jpg"), outside.resolve("secret.jpg"));
        Files.createSymbolicLink(read.resolve("link-out.jpg"), outside.resolve("secret.jpg"));
        Files.createSymbolicLink(read.resolve("folder-out"), outside);
        Files.copy(Samples.get("alpha.png"), write.resolve("result.png"));
        return Map.of("darkroom.mcp.read-roots", read.toString(), "darkroom.mcp.write-roots", write.toString(),
                "darkroom.limits.max-bytes", String.valueOf(MAX_BYTES));
    }

    @Test
    void the_catalog_and_the_accepted_images_of_both_roots_are_listed_with_the_type_their_bytes_show() {
        assertThat(client.getServerCapabilities().resources()).isNotNull();
        ListResourcesResult page = client.listResources();
        assertThat(page.nextCursor()).isNull();
        Map<String, String> types = new LinkedHashMap<>();
        page.resources().forEach(resource -> types.put(resource.uri(), resource.mimeType()));

        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of(
                "darkroom://catalog", "application/json",
                uri(read.resolve("alpha.png")), "image/png",
                uri(read.resolve("drawing.svg")), "image/svg+xml",
                // JPEG bytes under a .png name: the bytes decide.
                uri(read.resolve("mismatch.png")), "image/jpeg",
                uri(read.resolve("photo.webp")), "image/webp",
                uri(read.resolve("plain.jpg")), "image/jpeg",
                uri(read.resolve("scan.tiff")), "image/tiff",
                uri(read.resolve("trip/day 1/beach.jpg")), "image/jpeg",
                uri(write.resolve("result.png")), "image/png"));
        // Not listed: text, MSL markup, an empty file, a raw over the byte limit, a hidden file, and links out.
        Resource beach = page.resources().stream().filter(r -> r.uri().endsWith("beach.jpg")).findFirst().orElseThrow();
        assertThat(beach.uri()).contains("day%201");
        assertThat(beach.name()).isEqualTo("trip/day 1/beach.jpg");
        assertThat(beach.size()).isEqualTo(11746L);
    }

    @Test
    void reading_an_image_gives_its_exact_bytes_and_the_catalog_gives_the_offered_flows() throws Exception {
        BlobResourceContents image = (BlobResourceContents) client.readResource(
                new ReadResourceRequest(uri(read.resolve("trip/day 1/beach.jpg")))).contents().get(0);
        assertThat(image.mimeType()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(image.blob())).isEqualTo(Files.readAllBytes(Samples.get("plain.jpg")));
        BlobResourceContents written = (BlobResourceContents) client.readResource(
                new ReadResourceRequest(uri(write.resolve("result.png")))).contents().get(0);
        assertThat(written.mimeType()).isEqualTo("image/png");

        TextResourceContents catalog = (TextResourceContents) client.readResource(
                new ReadResourceRequest("darkroom://catalog")).contents().get(0);
        assertThat(catalog.mimeType()).isEqualTo("application/json");
        assertThat(HttpClientSupport.json(catalog.text()).at("/flows").findValuesAsText("tool"))
                .containsExactly("thumbnail_image", "resize_image", "convert_image", "transform_image", "image_info");
        assertThat(client.listResourceTemplates().resourceTemplates()).singleElement()
                .satisfies(template -> assertThat(template.uriTemplate()).isEqualTo("file://{+path}"));
    }

    @Test
    void a_result_a_tool_writes_is_a_resource_at_once() throws Exception {
        Path target = write.resolve("thumb.png");
        McpAssertions.ok(client.callTool(new CallToolRequest("thumbnail_image", Map.of("path",
                read.resolve("plain.jpg").toString(), "width", 32, "output_path", target.toString()))));
        try {
            assertThat(client.listResources().resources()).filteredOn(resource -> resource.uri().equals(uri(target)))
                    .singleElement().satisfies(resource -> assertThat(resource.mimeType()).isEqualTo("image/png"));
            BlobResourceContents written = (BlobResourceContents) client.readResource(
                    new ReadResourceRequest(uri(target))).contents().get(0);
            assertThat(Base64.getDecoder().decode(written.blob())).isEqualTo(Files.readAllBytes(target));
        } finally {
            Files.delete(target);
        }
    }

    @Test
    void uris_outside_the_roots_through_dots_or_links_or_over_the_limit_are_refused_with_a_code_and_no_path() {
        String escaped = "file://" + read + "/../outside/secret.jpg";
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(escaped, "path_denied");
        refusals.put(uri(read.resolve("link-out.jpg")), "path_denied");
        refusals.put(uri(read.resolve("folder-out/secret.jpg")), "path_denied");
        refusals.put(uri(outside.resolve("secret.jpg")), "path_denied");
        refusals.put(uri(read.resolve("missing.jpg")), "path_denied");
        refusals.put(uri(read.resolve("trip")), "path_denied");
        refusals.put("file:///etc/passwd", "path_denied");
        refusals.put(uri(read.resolve("photo.dng")), "too_large");
        refusals.put(uri(read.resolve("not-an-image.jpg")), "unsupported_type");
        refusals.put(uri(read.resolve("payload-msl.png")), "unsupported_type");
        refusals.put(uri(read.resolve("empty.png")), "empty_input");
        refusals.put("file://evil.example/etc/passwd", "bad_parameter");
        refusals.put("file:relative.jpg", "bad_parameter");
        refusals.forEach((uri, code) -> assertThatThrownBy(() -> client.readResource(new ReadResourceRequest(uri)))
                .as(uri).isInstanceOfSatisfying(McpError.class, error -> {
                    // MCP's "resource not found" for every path refused, so nothing outside can be told apart.
                    assertThat(error.getJsonRpcError().code()).isEqualTo(code.equals("path_denied") ? -32002 : -32602);
                    assertThat(error.getMessage()).startsWith(code + ": ").doesNotContain(dir.toString())
                            .doesNotContain("Exception").doesNotContain("java.");
                    assertThat(error.getJsonRpcError().data()).isEqualTo(Map.of("code", code,
                            "message", error.getMessage().substring(code.length() + 2)));
                }));
        assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("https://example.com/x.jpg")))
                .isInstanceOf(McpError.class).hasMessageNotContaining(dir.toString());
    }

    @Test
    void many_images_come_in_pages_that_resume_where_the_last_stopped_and_a_made_up_cursor_is_refused()
            throws Exception {
        Path many = Files.createDirectories(write.resolve("many"));
        for (int i = 0; i < 230; i++) {
            Files.copy(Samples.get("photo.webp"), many.resolve(String.format("w%03d.webp", i)));
        }
        try {
            List<String> uris = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String cursor = null;
            do {
                ListResourcesResult page = client.listResources(cursor);
                page.resources().forEach(resource -> uris.add(resource.uri()));
                sizes.add(page.resources().size());
                cursor = page.nextCursor();
            } while (cursor != null && sizes.size() < 10);

            assertThat(sizes).hasSizeGreaterThanOrEqualTo(3).allMatch(size -> size <= ImageListing.PAGE_SIZE + 1);
            assertThat(uris).doesNotHaveDuplicates().hasSize(230 + 9)
                    .contains(uri(many.resolve("w000.webp")), uri(many.resolve("w229.webp")), "darkroom://catalog");
            assertThatThrownBy(() -> client.listResources("bm90IGEgY3Vyc29y"))
                    .isInstanceOfSatisfying(McpError.class, error -> assertThat(error.getMessage())
                            .startsWith("bad_parameter: "));
        } finally {
            try (var files = Files.list(many)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(many);
        }
    }

    private static String uri(Path path) {
        return path.toUri().toString();
    }
}
