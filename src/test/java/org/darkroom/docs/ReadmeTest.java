package org.darkroom.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.Properties;
import org.darkroom.flow.CatalogMarkdown;
import org.darkroom.testing.Catalogs;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;

/** The README documents what the code does: the flow table is the catalog's, and every setting is listed. */
class ReadmeTest {
    private static final String BEGIN = "<!-- flows:begin (generated from the catalog; ReadmeTest checks it) -->\n";
    private static final String END = "<!-- flows:end -->";

    private static Properties defaults() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Samples.projectDir()
                .resolve("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        return defaults;
    }

    private static String readme() throws Exception {
        return Files.readString(Samples.projectDir().resolve("README.md"));
    }

    @Test
    void the_flow_reference_is_the_catalog_rendered() throws Exception {
        String readme = readme();
        String expected = CatalogMarkdown.render(Catalogs.withoutModel());
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README has the flows markers").isNotNegative();
        String actual = readme.substring(begin + BEGIN.length(), end);
        if (!actual.equals(expected) && Boolean.getBoolean("darkroom.docs.write")) {
            Files.writeString(Samples.projectDir().resolve("README.md"),
                    readme.substring(0, begin + BEGIN.length()) + expected + readme.substring(end));
            return;
        }
        assertThat(actual).as("README flow reference (regenerate with -Ddarkroom.docs.write=true)")
                .isEqualTo(expected);
    }

    @Test
    void every_default_setting_is_documented() throws Exception {
        Properties defaults = defaults();
        String readme = readme();
        for (String key : defaults.stringPropertyNames()) {
            if (!key.startsWith("darkroom.inbox.")) {
                assertThat(readme).as("README documents " + key).contains("`" + key + "`");
            }
        }
    }

    @Test
    void every_default_inbox_is_in_the_inbox_table() throws Exception {
        Properties defaults = defaults();
        String readme = readme();
        for (String key : defaults.stringPropertyNames()) {
            String flow = defaults.getProperty(key).trim();
            if (key.startsWith("darkroom.inbox.") && key.endsWith(".flow") && !flow.isEmpty()) {
                String inbox = key.substring("darkroom.inbox.".length(), key.length() - ".flow".length());
                assertThat(readme).as("README's inbox table lists " + inbox)
                        .contains("| `" + inbox + "` | " + flow + " |");
            }
        }
    }
}
