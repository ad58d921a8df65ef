package org.darkroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.darkroom.http.HttpDoor;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.darkroom.flow.Version;

/** One version, the pom's, wherever Darkroom says which it is: --version, health, OpenAPI, MCP, every record. */
class VersionTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());

    @Test
    void the_build_writes_the_poms_version_and_version_prints_it() throws Exception {
        Matcher pom = Pattern.compile("<artifactId>darkroom</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Samples.projectDir().resolve("pom.xml")));
        assertThat(pom.find()).isTrue();
        assertThat(Version.current()).isEqualTo(pom.group(1));

        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Darkroom.main(new String[] {"--version"});
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("darkroom " + pom.group(1) + "\n");
    }

    @Test
    void every_door_and_record_carries_the_version() throws Exception {
        HttpClientSupport http = SERVICE.http();
        String version = Version.current();
        assertThat(HttpClientSupport.json(http.send(http.request("/openapi.json").GET().build()))
                .at("/info/version").asText()).isEqualTo(version);
        assertThat(HttpClientSupport.json(http.send(http.request("/observe/health").GET().build()))
                .at("/version").asText()).isEqualTo(version);
        var response = http.postRaw("/v1/flows/thumbnail", Samples.get("alpha.png"), "image/png");
        assertThat(HttpClientSupport.json(response.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow())
                .at("/darkroom_version").asText()).isEqualTo(version);
        McpSyncClient mcp = McpClients.connect(McpClients.http(SERVICE.darkroom().port()), progress -> { });
        try {
            assertThat(mcp.getServerInfo().version()).isEqualTo(version);
        } finally {
            mcp.closeGracefully();
        }
    }
}
