package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing's bounds on real folders: a request stops after looking at {@link ImageListing#MAX_LOOKED_AT}
 * entries even when it found few images, and the next one carries on from there; nothing deeper than
 * {@link ImageListing#MAX_DEPTH} folders is walked; nested roots are walked once.
 */
class ImageListingTest {
    @TempDir
    Path dir;

    @Test
    void a_request_that_looked_at_enough_entries_stops_and_the_next_carries_on() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.copy(Samples.get("plain.jpg"), root.resolve("a.jpg"));
        Path notes = Files.createDirectories(root.resolve("m-notes"));
        for (int i = 0; i < ImageListing.MAX_LOOKED_AT + 10; i++) {
            Files.writeString(notes.resolve(String.format("n%05d.txt", i)), "not an image");
        }
        Files.copy(Samples.get("plain.jpg"), root.resolve("z.jpg"));
        ImageListing listing = new ImageListing(List.of(root), 1_000_000);

        ImageListing.Page first = listing.page(null);
        assertThat(first.images()).extracting(ImageListing.Listed::name).containsExactly("a.jpg");
        assertThat(first.next()).isNotNull();
        List<String> rest = new ArrayList<>();
        ImageListing.Position next = ResourceCursor.decode(ResourceCursor.encode(first.next()), listing.roots());
        while (next != null) {
            ImageListing.Page page = listing.page(next);
            page.images().forEach(image -> rest.add(image.name()));
            next = page.next();
        }
        assertThat(rest).containsExactly("z.jpg");
    }

    @Test
    void folders_past_the_depth_limit_are_not_walked_and_a_root_inside_another_is_walked_once() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path deep = root;
        for (int level = 1; level <= ImageListing.MAX_DEPTH + 1; level++) {
            deep = Files.createDirectories(deep.resolve("d" + level));
            Files.copy(Samples.get("plain.jpg"), deep.resolve("level" + level + ".jpg"));
        }
        ImageListing listing = new ImageListing(List.of(root.resolve("d1"), root, root), 1_000_000);

        List<String> names = listing.page(null).images().stream().map(image -> image.file().getFileName().toString())
                .toList();
        assertThat(listing.roots()).isEqualTo(1);
        assertThat(names).hasSize(ImageListing.MAX_DEPTH).contains("level1.jpg", "level" + ImageListing.MAX_DEPTH + ".jpg")
                .doesNotContain("level" + (ImageListing.MAX_DEPTH + 1) + ".jpg");
    }
}
