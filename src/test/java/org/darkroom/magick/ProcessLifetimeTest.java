package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.darkroom.intake.WorkArea;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service killed with SIGKILL takes its ImageMagick processes with it, and its next start clears what it left. */
class ProcessLifetimeTest {
    /**
     * Upscaled to 9000 pixels wide and blurred hard: over a minute of ImageMagick for a 12 KB input, which the
     * limits let through only because this operator raised them.
     */
    private static final Map<String, String> SLOW_INBOX = Map.of(
            "darkroom.inbox.slow.flow", "transform",
            "darkroom.inbox.slow.operations", "resize width=9000 upscale=true; blur sigma=40",
            "darkroom.limits.max-pixels", "200000000",
            "darkroom.limits.max-work", "1000000000000");

    @TempDir
    Path work;

    @Test
    void kill_minus_nine_kills_imagemagick_and_the_restart_removes_the_dead_runs_work_but_not_a_live_owners()
            throws Exception {
        DataDir data = new DataDir(work.resolve("data"));
        Path area = data.layout().work();
        // Another live owner of the work area, as a second node sharing the data directory would be: this test.
        WorkArea liveOwner = WorkArea.claim(area);
        Path liveJob = liveOwner.newJob().path();
        Files.writeString(liveJob.resolve("partial.png"), "still being written");
        ChildDarkroom first = ChildDarkroom.start(data.root(), work.resolve("first.log"), SLOW_INBOX);
        try {
            data.drop("slow", Samples.get("plain.jpg"), "slow.jpg");
            // The slow job's process, taken from the same look that found it: a short one in the area (the periodic
            // ImageMagick check) may come and go between two looks.
            ProcessHandle convert = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> slowJobIn(area), Optional::isPresent).get();
            assertThat(convert.parent().map(ProcessHandle::pid)).as("the JVM itself started ImageMagick")
                    .hasValue(first.pid());
            Path deadRunDir = ownDirOf(convert, area);
            assertThat(deadRunDir).as("the service's own directory while it runs; its log:%n%s", first.logText())
                    .isDirectory();

            first.kill();

            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !convert.isAlive() && imageMagickIn(area).isEmpty());
            assertThat(deadRunDir).as("a kill leaves the run's work behind; the work area holds %s; the log:%n%s",
                    DataDir.names(area), first.logText()).isDirectory();
            // Only the work area is under test here: the restart need not redo the slow job.
            Files.move(data.inbox("slow").resolve("slow.jpg"), work.resolve("slow.jpg"));

            ChildDarkroom second = ChildDarkroom.start(data.root(), work.resolve("second.log"), SLOW_INBOX);
            try {
                assertThat(deadRunDir).as("the dead run's directory").doesNotExist();
                assertThat(liveJob.resolve("partial.png")).as("a live owner's job").hasContent("still being written");
                assertThat(second.logText()).contains("work area: removed 1 directory left by runs that ended");
            } finally {
                second.stop();
            }
        } finally {
            first.kill();
            liveOwner.release();
        }
        assertThat(imageMagickIn(area)).isEmpty();
    }

    /** ImageMagick processes working on files in the work area, found by their command line in /proc. */
    private static List<ProcessHandle> imageMagickIn(Path area) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(area.toString()))
                .toList();
    }

    /** The process running the slow inbox's job (its blur), if one runs now. */
    private static Optional<ProcessHandle> slowJobIn(Path area) {
        return imageMagickIn(area).stream()
                .filter(p -> p.info().commandLine().orElse("").contains("-blur")).findFirst();
    }

    /** The directory of the work area the process's job lives in: its service's own directory. */
    private static Path ownDirOf(ProcessHandle process, Path area) {
        String commandLine = process.info().commandLine().orElseThrow();
        String afterArea = commandLine.substring(commandLine.indexOf(area + "/") + area.toString().length() + 1);
        return area.resolve(afterArea.substring(0, afterArea.indexOf('/')));
    }
}
