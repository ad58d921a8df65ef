package org.darkroom.magick.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.FlowParameters;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.flows.InfoFlow;
import org.darkroom.magick.flows.ThumbnailFlow;
import org.darkroom.testing.AcceptedFiles;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch grows only within its count, input bytes and pixels; a file beyond them still runs, on its own. */
class BatchBoundsTest {
    private static final ThumbnailFlow THUMBNAIL = new ThumbnailFlow();
    /** plain.jpg: 11 746 bytes, decoded at 512 wide for a thumbnail (its largest image, 512 × 342 pixels). */
    private static final Path SMALL = Samples.get("plain.jpg");
    /** alpha.png: 26 979 bytes, 400 × 300 pixels. */
    private static final Path LARGER = Samples.get("alpha.png");

    @TempDir
    Path dir;
    private int next;

    @Test
    void a_batch_stops_growing_at_its_count() {
        BatchBounds bounds = new BatchBounds(2, Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(bounds.admits(List.of(thumbnail(SMALL)), thumbnail(SMALL))).isTrue();
        assertThat(bounds.admits(List.of(thumbnail(SMALL), thumbnail(SMALL)), thumbnail(SMALL))).isFalse();
    }

    @Test
    void a_batch_stops_growing_at_its_input_bytes() throws Exception {
        long two = 2 * Files.size(SMALL);
        BatchBounds bounds = new BatchBounds(16, two, Long.MAX_VALUE);
        assertThat(bounds.admits(List.of(thumbnail(SMALL)), thumbnail(SMALL))).isTrue();
        assertThat(bounds.admits(List.of(thumbnail(SMALL)), thumbnail(LARGER))).isFalse();
    }

    @Test
    void a_batch_stops_growing_at_its_pixels_and_a_huge_file_runs_alone() {
        BatchCandidate small = thumbnail(SMALL);
        long pixels = small.pixels();
        BatchBounds bounds = new BatchBounds(16, Long.MAX_VALUE, 2 * pixels);
        assertThat(bounds.admits(List.of(small), thumbnail(SMALL))).isTrue();
        assertThat(bounds.admits(List.of(small, thumbnail(SMALL)), thumbnail(SMALL))).isFalse();

        BatchBounds tiny = new BatchBounds(16, 10, 10);
        assertThat(tiny.admits(List.of(), thumbnail(LARGER))).as("a file beyond every bound starts a batch of one")
                .isTrue();
        assertThat(tiny.admits(List.of(thumbnail(LARGER)), thumbnail(SMALL))).isFalse();
    }

    @Test
    void a_job_that_cannot_share_a_process_is_no_candidate() {
        MagickJob info = new InfoFlow().plan(AcceptedFiles.copy(SMALL, dir.resolve("info")),
                new FlowParameters(Map.of()));
        assertThat(BatchCandidate.of(info)).isEmpty();
    }

    @Test
    void a_candidate_is_weighed_once_by_its_input_and_its_plan() throws Exception {
        MagickJob job = plan(SMALL);
        BatchCandidate candidate = BatchCandidate.of(job).orElseThrow();
        assertThat(candidate.inputBytes()).isEqualTo(Files.size(SMALL));
        assertThat(candidate.pixels()).isEqualTo(job.shape().largestImage());

        MagickJob gone = plan(SMALL);
        Files.delete(BatchCandidate.of(gone).orElseThrow().batchable().input());
        assertThat(BatchCandidate.of(gone)).as("an input that cannot be weighed runs alone").isEmpty();
    }

    private BatchCandidate thumbnail(Path image) {
        return BatchCandidate.of(plan(image)).orElseThrow();
    }

    private MagickJob plan(Path image) {
        return THUMBNAIL.plan(AcceptedFiles.copy(image, dir.resolve("job-" + next++)),
                THUMBNAIL.spec().params().parse(Map.of("format", "png")));
    }
}
