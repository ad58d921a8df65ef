package org.darkroom.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docs/openapi.json} is the document a full installation serves (every tool present, a model that can
 * point), so a reader can see the API without running Darkroom and the build can generate a client from it
 * ({@code GeneratedClientTest}). Regenerate with {@code -Ddarkroom.docs.write=true}.
 */
class OpenApiDocumentTest {
    static final Path DOCUMENT = Samples.projectDir().resolve("docs/openapi.json");
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(TinyModel.settings("tiny-point.mf.gz"));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void the_committed_document_is_the_one_served() throws Exception {
        JsonNode served = HttpClientSupport.json(SERVICE.http().send(SERVICE.http().request("/openapi.json").GET()
                .build()));
        JsonNode committed = Files.isRegularFile(DOCUMENT) ? JSON.readTree(DOCUMENT.toFile()) : null;
        if (!served.equals(committed) && Boolean.getBoolean("darkroom.docs.write")) {
            Files.writeString(DOCUMENT, JSON.writeValueAsString(served) + "\n");
            return;
        }
        assertThat(committed).as("docs/openapi.json (regenerate with -Ddarkroom.docs.write=true)").isEqualTo(served);
    }
}
