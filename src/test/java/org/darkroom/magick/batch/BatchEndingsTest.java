package org.darkroom.magick.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.awaitility.Awaitility;
import org.darkroom.flow.ErrorCode;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.Workers;
import org.darkroom.magick.batch.BatchOutcome.Result;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch that runs too long is killed at its own, scaled timeout; a stop ends one as not_ready, like a single job. */
class BatchEndingsTest {
    /** Over a minute of ImageMagick per 12 KB file; the limits are raised so that it may run into its timeout. */
    private static final Map<String, String> SLOW_LIMITS = Map.of(
            "darkroom.limits.max-pixels", "200000000",
            "darkroom.limits.max-work", "1000000000000");
    private static final Map<String, String> SLOW_STEPS = Map.of("operations",
            "resize width=9000 upscale=true; blur sigma=40");

    @TempDir
    Path dir;

    @Test
    void a_batch_past_the_per_file_timeout_times_its_files_is_killed_and_its_files_run_alone() throws Exception {
        Map<String, String> settings = new HashMap<>(SLOW_LIMITS);
        settings.put("darkroom.magick.timeout-ms", "700");
        // One worker, held by this caller for the whole batch: the batch must not wait for a permit of its own.
        settings.put("darkroom.workers", "1");
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), settings)) {
            BatchFixture fixture = new BatchFixture(darkroom, dir.resolve("jobs"));
            List<MagickJob> jobs = slowJobs(fixture, 3);
            Workers workers = darkroom.main().getCamelContext().getRegistry().lookupByNameAndType("workers",
                    Workers.class);
            Exchange caller = new DefaultExchange(darkroom.main().getCamelContext());
            workers.acquire(caller);
            long started = System.nanoTime();
            List<BatchOutcome> outcomes;
            try {
                outcomes = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> fixture.runner().run(jobs));
            } finally {
                workers.release(caller);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(outcomes).extracting(BatchOutcome::result).containsOnly(Result.RUN_ALONE);
            assertThat(millis).as("killed at 3 × 700 ms, not at one file's 700 ms").isBetween(2100L, 9000L);
            assertThat(jobs).allSatisfy(job -> assertThat(job.output()).doesNotExist());
            assertThat(BatchFixture.imageMagickIn(darkroom.data().layout().work()))
                    .as("no ImageMagick process outlives its timeout").isEmpty();
            assertThat(darkroom.data().workLeftovers()).isEmpty();
        }
    }

    @Test
    void a_stop_during_a_batch_ends_it_and_leaves_every_file_not_ready() throws Exception {
        RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), SLOW_LIMITS);
        Path work = darkroom.data().layout().work();
        CompletableFuture<List<BatchOutcome>> outcomes;
        List<MagickJob> jobs;
        String commandLine;
        List<String> environment;
        try {
            BatchFixture fixture = new BatchFixture(darkroom, dir.resolve("jobs"));
            jobs = slowJobs(fixture, 2);
            outcomes = CompletableFuture.supplyAsync(() -> fixture.runner().run(jobs));
            // Started as env -i … setpriv … prlimit … mogrify, each replacing itself with the next.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> mogrifyIn(work).isPresent());
            ProcessHandle mogrify = mogrifyIn(work).orElseThrow();
            commandLine = mogrify.info().commandLine().orElseThrow();
            environment = List.of(Files.readString(Path.of("/proc", Long.toString(mogrify.pid()), "environ"))
                    .split("\0"));
        } finally {
            darkroom.close();
        }

        // One mogrify in the clean environment, one thread, a separate output directory, the output type named, and
        // each input by its explicit coder and first frame under a server-chosen name.
        assertThat(environment).containsExactlyInAnyOrder("PATH=/usr/bin:/bin",
                "MAGICK_CONFIGURE_PATH=" + Samples.projectDir().resolve("policy"), "MAGICK_TEMPORARY_PATH="
                        + work.resolve(work.relativize(Path.of(commandLine.split(" -path ")[1])).getName(0)));
        assertThat(commandLine).startsWith("/usr/bin/mogrify").contains(" -regard-warnings -limit thread 1 ")
                .containsPattern(" -path \\S+/out -format jpeg jpeg:\\S+/f0\\[0] jpeg:\\S+/f1\\[0]$");
        List<BatchOutcome> ended = outcomes.get(30, TimeUnit.SECONDS);
        assertThat(ended).extracting(BatchOutcome::result).containsOnly(Result.NOT_READY);
        assertThat(ended).allSatisfy(outcome -> assertThat(outcome.error().code()).isEqualTo(ErrorCode.NOT_READY));
        assertThat(jobs).allSatisfy(job -> assertThat(job.output()).doesNotExist());
        assertThat(BatchFixture.imageMagickIn(work)).isEmpty();
    }

    private static Optional<ProcessHandle> mogrifyIn(Path work) {
        return BatchFixture.imageMagickIn(work).stream()
                .filter(p -> p.info().commandLine().orElse("").startsWith("/usr/bin/mogrify")).findFirst();
    }

    private static List<MagickJob> slowJobs(BatchFixture fixture, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> fixture.plan("transform", SLOW_STEPS, Samples.get("plain.jpg"))).toList();
    }
}
