package org.darkroom.magick.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.OutOfSpace;
import org.darkroom.intake.JobDir;
import org.darkroom.intake.WorkArea;
import org.darkroom.magick.JobShape;
import org.darkroom.magick.MagickBinary;
import org.darkroom.magick.MagickEnvironment;
import org.darkroom.magick.MagickJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs with one {@link BatchKey} in one {@code mogrify} process through the {@code magick-batch} route
 * (camel-exec), and says per job whether its output is done or it must run alone. See the package description for
 * how a caller uses it; the caller holds one worker permit for the whole call.
 *
 * <p>The inputs are hard-linked under server-chosen names ({@code f0}, {@code f1} …) into a batch directory of the
 * work area, since every job's input has the same name in its own job directory; mogrify reads each with its
 * explicit coder and first frame, and writes {@code out/fN.coder} ({@code -path}, {@code -format}). Only when the
 * process exited 0 and every output is there and not empty are the outputs renamed to their jobs'
 * {@code output()} (same file system). The process gets the per-file timeout times its files, the widest of the
 * files' width and height limits, and is killed like any job (camel-exec's watchdog, tracked for a stop).
 */
public final class BatchRunner {
    /** The bean name the lead's callers look the runner up by. */
    public static final String BEAN = "batchRunner";
    static final String ROUTE = "direct:magick-batch";
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    private final CamelContext context;
    private final MagickEnvironment environment;
    private final Optional<List<String>> mogrify;
    private final long timeoutPerFileMillis;
    private final WorkArea workArea;
    private ProducerTemplate producer;

    /** @param timeoutPerFileMillis {@code darkroom.magick.timeout-ms}: a batch of n files gets n times as long */
    public BatchRunner(CamelContext context, MagickEnvironment environment, long timeoutPerFileMillis,
                       WorkArea workArea) {
        this.context = context;
        this.environment = environment;
        this.mogrify = MagickBinary.mogrify(environment.binary());
        this.timeoutPerFileMillis = timeoutPerFileMillis;
        this.workArea = workArea;
    }

    /** Whether batches can run at all: false when the configured ImageMagick has no mogrify beside it. */
    public boolean available() {
        return mogrify.isPresent();
    }

    /**
     * Runs {@code jobs} in one process; one outcome per job, in their order. Jobs that fail together are all
     * {@code RUN_ALONE}, and none of their outputs is kept.
     *
     * @throws IllegalArgumentException when the list is empty, or a job has no key or another key than the first
     */
    public List<BatchOutcome> run(List<MagickJob> jobs) {
        List<BatchableJob> batch = batchable(jobs);
        if (mogrify.isEmpty()) {
            return all(jobs, BatchOutcome::runAlone);
        }
        try (JobDir dir = workArea.newJob()) {
            return run(batch, dir);
        }
    }

    private List<BatchOutcome> run(List<BatchableJob> batch, JobDir dir) {
        List<MagickJob> jobs = batch.stream().map(BatchableJob::job).toList();
        List<Path> outputs = new ArrayList<>();
        List<String> args = new ArrayList<>(BatchableJob.options(batch.get(0).key()));
        String coder = batch.get(0).key().outputCoder();
        try {
            Path outDir = Files.createDirectory(dir.file("out"));
            // mogrify writes beside its inputs unless told where, and picks the type from a name unless told which.
            args.addAll(List.of("-path", outDir.toString(), "-format", coder));
            for (int i = 0; i < batch.size(); i++) {
                Path link = Files.createLink(dir.file("f" + i), batch.get(i).input());
                args.add(batch.get(i).inputCoder() + ":" + link + "[0]");
                outputs.add(outDir.resolve("f" + i + "." + coder));
            }
        } catch (IOException e) {
            return failedOnDisk(jobs, e, "could not link the inputs of a batch");
        }
        long timeout = Math.multiplyExact(timeoutPerFileMillis, batch.size());
        BatchProcess process = new BatchProcess(environment.batchCommandLine(mogrify.orElseThrow(), widest(batch),
                MagickEnvironment.timeLimitAbove(timeout), args), timeout, batch.size());
        Exchange exchange = producer().send(ROUTE, e -> e.getMessage().setBody(process));
        if (exchange.getException() != null) {
            return refused(jobs, exchange.getException());
        }
        BatchExit end = exchange.getMessage().getBody(BatchExit.class);
        if (end.unfinished() != null) {
            return all(jobs, job -> BatchOutcome.notReady(job, end.unfinished()));
        }
        if (!end.succeeded() || !outputs.stream().allMatch(BatchRunner::written)) {
            return all(jobs, BatchOutcome::runAlone);
        }
        return commit(jobs, outputs);
    }

    /** Renames every output to its job's; if one rename fails, the ones already made are taken back. */
    private List<BatchOutcome> commit(List<MagickJob> jobs, List<Path> outputs) {
        List<Path> committed = new ArrayList<>();
        try {
            for (int i = 0; i < jobs.size(); i++) {
                Files.move(outputs.get(i), jobs.get(i).output(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                committed.add(jobs.get(i).output());
            }
            return all(jobs, BatchOutcome::done);
        } catch (IOException e) {
            for (Path output : committed) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // The job runs alone next and overwrites it.
                }
            }
            return failedOnDisk(jobs, e, "could not move the outputs of a batch");
        }
    }

    private static boolean written(Path output) {
        try {
            return Files.isRegularFile(output) && Files.size(output) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<BatchOutcome> failedOnDisk(List<MagickJob> jobs, IOException e, String what) {
        if (OutOfSpace.causes(e)) {
            OutOfSpace full = new OutOfSpace(what, e);
            return all(jobs, job -> BatchOutcome.notReady(job, full));
        }
        LOG.warn("Batch of {}: {} ({}); its files run alone", jobs.size(), what, e.toString());
        return all(jobs, BatchOutcome::runAlone);
    }

    /** A process that did not start: a stop or a full disk refused it, or exec could not run it. */
    private static List<BatchOutcome> refused(List<MagickJob> jobs, Exception refusal) {
        if (refusal instanceof DarkroomException error && error.code() == ErrorCode.NOT_READY) {
            return all(jobs, job -> BatchOutcome.notReady(job, error));
        }
        LOG.warn("Batch of {} could not run ({}); its files run alone", jobs.size(), refusal.toString());
        return all(jobs, BatchOutcome::runAlone);
    }

    private static List<BatchableJob> batchable(List<MagickJob> jobs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("A batch needs at least one job");
        }
        List<BatchableJob> batch = new ArrayList<>();
        for (MagickJob job : jobs) {
            BatchableJob batchable = BatchableJob.of(job).orElseThrow(
                    () -> new IllegalArgumentException("This job cannot share a process: " + job.args()));
            if (!batch.isEmpty() && !batch.get(0).key().equals(batchable.key())) {
                throw new IllegalArgumentException("Jobs of one batch must have equal keys");
            }
            batch.add(batchable);
        }
        return batch;
    }

    /** The limits the process gets: the largest of each of the files' shapes. */
    private static JobShape widest(List<BatchableJob> batch) {
        return batch.stream().map(b -> b.job().shape()).reduce(JobShape::max).orElseThrow();
    }

    private static List<BatchOutcome> all(List<MagickJob> jobs, Function<MagickJob, BatchOutcome> outcome) {
        return jobs.stream().map(outcome).toList();
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }
}
