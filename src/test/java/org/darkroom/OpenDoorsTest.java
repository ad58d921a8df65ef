package org.darkroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.darkroom.inbox.BatchProgress;
import org.darkroom.testing.RunningDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process builds the parts of the doors it opens and nothing else: no HTTP client for URLs where no caller can
 * name one, no drop-folder machinery (progress timer, poll helpers) where no folder is watched.
 */
class OpenDoorsTest {
    @TempDir
    Path dir;

    @Test
    void drop_folders_alone_build_no_url_fetcher() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), Map.of(Doors.KEY, "inbox"))) {
            CamelContext context = darkroom.main().getCamelContext();

            assertThat(context.getComponentNames()).noneMatch(name -> name.startsWith("darkroom-fetch-"));
            assertThat(context.getRegistry().lookupByName("inboxDoor")).isNotNull();
        }
    }

    @Test
    void the_http_door_alone_builds_no_drop_folder_machinery_but_fetches_urls() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), Map.of(Doors.KEY, "http"))) {
            CamelContext context = darkroom.main().getCamelContext();

            assertThat(context.hasService(BatchProgress.class)).isNull();
            for (String bean : new String[] {"inboxDoor", "inboxStrays", "settledFiles", "inboxProcessStrategy"}) {
                assertThat(context.getRegistry().lookupByName(bean)).as(bean).isNull();
            }
            assertThat(context.getComponentNames()).anyMatch(name -> name.startsWith("darkroom-fetch-"));
        }
    }
}
