package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No two inputs, and no input and record, share a name in failed/, whatever names users choose. */
class FailedNamesTest {
    private static final List<String> NAMES = List.of("x", "x.error.json", "x.error.json.error.json", "x.renamed",
            "x.error.json.renamed", "photo.jpg", "photo.jpg.error.json", "back\\slash.jpg", "back_slash.jpg",
            "l".repeat(238) + ".jpg", "l".repeat(239) + ".jpg", "é".repeat(120) + ".jpg", "new\nline.jpg");

    @Test
    void ordinary_names_keep_themselves_and_their_documented_record() {
        assertThat(FailedNames.of("photo.jpg").stored()).isEqualTo("photo.jpg");
        assertThat(FailedNames.of("photo.jpg").record()).isEqualTo("photo.jpg.error.json");
    }

    @Test
    void kept_inputs_and_records_never_collide() {
        Set<String> all = new HashSet<>();
        Set<String> renamedTargets = new HashSet<>();
        for (String name : NAMES) {
            FailedNames names = FailedNames.of(name);
            assertThat(names.stored()).as(name).doesNotEndWith(".error.json");
            assertThat(all.add(names.stored())).as(name).isTrue();
            assertThat(all.add(names.record())).as(name).isTrue();
            assertThat(names.record().getBytes(StandardCharsets.UTF_8).length).as(name)
                    .isLessThanOrEqualTo(255);
            if (!names.stored().equals(name)) {
                renamedTargets.add(names.stored());
            }
        }
        // A user who drops a file under a renamed input's exact name gets a different kept name again.
        for (String renamed : renamedTargets) {
            assertThat(FailedNames.of(renamed).stored()).isNotEqualTo(renamed);
        }
    }
}
