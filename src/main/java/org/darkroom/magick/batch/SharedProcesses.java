package org.darkroom.magick.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.darkroom.flow.BatchPlace;
import org.darkroom.flow.FlowExchange;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.Workers;

/**
 * The route steps that let drop-folder jobs share ImageMagick processes: a job that finds every worker busy waits
 * beside others of the same {@link BatchKey}, and whichever of them gets a worker runs them all in one process
 * ({@link GatheredRuns}, {@link BatchRunner}). A job that finds a worker free runs at once, on the single path.
 *
 * <p>Each job stays its own exchange throughout, so its record, its outputs, its error code and its input's move to
 * {@code archive/} or {@code failed/} are its own. A job whose batch failed is left without a place in a batch: the
 * {@code magick-flow} route then sends it through the single path, which gives it its exact outcome.
 */
public final class SharedProcesses {
    /** The bean name the {@code magick-flow} route refers to. */
    public static final String BEAN = "sharedProcesses";

    private final GatheredRuns<BatchKey, BatchCandidate, Placed> gathered = new GatheredRuns<>();
    private final BatchRunner runner;
    private final BatchBounds bounds;
    private final Workers workers;

    public SharedProcesses(BatchRunner runner, BatchBounds bounds, Workers workers) {
        this.runner = runner;
        this.bounds = bounds;
        this.workers = workers;
    }

    /**
     * Route predicate: whether the planned job (the body) may share a process. Only jobs whose caller does not
     * wait on them, that are not heavy (those keep their own permits), and whose command mogrify can run.
     */
    public boolean mayShare(Exchange exchange) {
        return bounds.maxJobs() > 1 && runner.available()
                && Boolean.TRUE.equals(exchange.getProperty(FlowExchange.MAY_SHARE_PROCESS, Boolean.class))
                && !Boolean.TRUE.equals(exchange.getProperty(Workers.HEAVY, Boolean.class))
                && BatchKey.of(exchange.getMessage().getBody(MagickJob.class)).isPresent();
    }

    /**
     * Route step: runs the job, with the jobs of its key that wait beside it. When its output is written, the job
     * stays the body and its place in the batch is set as {@link FlowExchange#BATCH}; without that place (it ran
     * alone, its batch failed, or its input could not be weighed), the job still has to run on the single path.
     */
    public void run(Exchange exchange) throws InterruptedException {
        Optional<BatchCandidate> candidate = BatchCandidate.of(exchange.getMessage().getBody(MagickJob.class));
        if (candidate.isEmpty()) {
            return;
        }
        Placed placed = gathered.run(candidate.get().key(), candidate.get(), worker(exchange), bounds::admits,
                this::together);
        switch (placed.outcome().result()) {
            case DONE -> exchange.setProperty(FlowExchange.BATCH, placed.place());
            case RUN_ALONE -> {
                // The route's next step runs it on the single path.
            }
            case NOT_READY -> throw placed.outcome().error();
        }
    }

    private List<Placed> together(List<BatchCandidate> candidates) {
        List<Placed> placed = new ArrayList<>();
        List<MagickJob> jobs = candidates.stream().map(BatchCandidate::job).toList();
        if (jobs.size() == 1) {
            // Alone after all: the single path, with its own process and its own latency.
            placed.add(new Placed(BatchOutcome.runAlone(jobs.get(0)), null));
            return placed;
        }
        List<BatchOutcome> outcomes = runner.run(jobs);
        for (int i = 0; i < outcomes.size(); i++) {
            placed.add(new Placed(outcomes.get(i), new BatchPlace(jobs.size(), i)));
        }
        return placed;
    }

    private GatheredRuns.Worker worker(Exchange exchange) {
        return new GatheredRuns.Worker() {
            @Override
            public void acquire() throws InterruptedException {
                workers.acquire(exchange);
            }

            @Override
            public void release() {
                workers.release(exchange);
            }
        };
    }

    /** One job's outcome and, when it ran with others, its place among them. */
    private record Placed(BatchOutcome outcome, BatchPlace place) {
    }
}
