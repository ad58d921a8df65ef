package org.darkroom.door;

import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.darkroom.fetch.UrlFetcher;
import org.darkroom.flow.BatchPlace;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.LogText;
import org.darkroom.intake.Intake;
import org.darkroom.intake.JobDir;
import org.darkroom.intake.WorkArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one request between the door that read it and the door that renders it, the same for every door
 * (bound as {@code flowCall}; every door route reads: read → {@link #admit} → {@code direct:run-flow} →
 * {@link #done} → render, and its error handler: {@link #failed} → render).
 *
 * <p>Admission checks run cheapest first: the flow's name, readiness (not stopping, disk space, ImageMagick
 * answering under its policy), the flow's availability (a vision flow needs its model), its parameters, a place
 * under the service's limit of work in progress ({@link Admission}: refused {@code busy} at the interactive doors,
 * awaited at the drop folder), and only then the job directory and intake of the image. Whatever happens, the job
 * ends with one log line and one count in the metrics, written when the exchange completes.
 */
public final class FlowCall {
    private static final Logger LOG = LoggerFactory.getLogger(FlowCall.class);
    private static final String ACCOUNTED = "darkroom.accounted";
    private static final String PLACE = "darkroom.place";

    private final FlowCatalog catalog;
    private final SourceIntake sources;
    private final WorkArea workArea;
    private final Admission admission;
    private final BooleanSupplier ready;
    private final DarkroomMetrics metrics;
    private final String node;

    /** {@code fetcher} is {@code null} when no open door takes URLs. */
    public FlowCall(FlowCatalog catalog, Intake intake, UrlFetcher fetcher, WorkArea workArea, Admission admission,
                    BooleanSupplier ready, DarkroomMetrics metrics, String node) {
        this.catalog = catalog;
        this.sources = new SourceIntake(intake, fetcher);
        this.workArea = workArea;
        this.admission = admission;
        this.ready = ready;
        this.metrics = metrics;
        this.node = node;
    }

    /** Route step: admits what the door read, receives its image, and hands it over to {@code run-flow}. */
    public void admit(Exchange exchange) {
        accountAtCompletion(exchange);
        FlowRequest request = JobExchange.request(exchange);
        FlowSpec flow = catalog.get(request.flow());
        exchange.setProperty(FlowExchange.FLOW, flow.name());
        if (!ready.getAsBoolean()) {
            throw new DarkroomException(ErrorCode.NOT_READY);
        }
        flow.requireAvailable();
        FlowParameters params = request.parsed() != null ? request.parsed() : flow.params().parse(request.params());
        hold(exchange, request.admitted() != null ? request.admitted() : enter(exchange, JobExchange.door(exchange)));
        count(exchange);
        JobDir job = JobExchange.open(exchange, workArea);
        JobExchange.handOver(exchange, flow, params, sources.receive(request.source(), job));
    }

    /** Route step after the flow: the job's record, with its timings, for the door to render. */
    public void done(Exchange exchange) {
        leave(exchange);
        FlowResult result = exchange.getMessage().getBody(FlowResult.class);
        JobExchange.record(exchange, JobRecord.of(JobExchange.requestId(exchange), node, JobExchange.flow(exchange),
                JobExchange.params(exchange), JobExchange.input(exchange), result,
                exchange.getProperty(FlowExchange.BATCH, BatchPlace.class), JobExchange.elapsedMillis(exchange)));
    }

    /** Route step instead of the flow, when the caller already holds its answer: the job ends without running. */
    public void notModified(Exchange exchange) {
        leave(exchange);
        JobExchange.notModified(exchange);
    }

    /**
     * Error step, before the door renders: the failure as a coded error (an unexpected one is logged here, once),
     * kept for the door ({@link #failure}) and the job's log line. It leaves the message alone: a drop folder's
     * file still rides on it.
     */
    public void failed(Exchange exchange) {
        leave(exchange);
        accountAtCompletion(exchange);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DarkroomException error = DarkroomException.unwrap(caught);
        if (error.code() == ErrorCode.INTERNAL) {
            // The cause's message may hold outside text (a file name): escaped on the line, the trace at DEBUG.
            LOG.error("door={} flow={} id={} failed unexpectedly: {}", label(exchange),
                    exchange.getProperty(FlowExchange.FLOW, "-", String.class), JobExchange.requestId(exchange),
                    LogText.of(String.valueOf(caught)));
            LOG.debug("request {} failed unexpectedly", JobExchange.requestId(exchange), caught);
        }
        JobExchange.error(exchange, error);
    }

    /** The error {@link #failed} made of this exchange's failure. */
    public static DarkroomException failure(Exchange exchange) {
        return JobExchange.error(exchange);
    }

    private Admission.Permit enter(Exchange exchange, Door door) {
        if (door.waits()) {
            // A waiting door's files may run several to one ImageMagick process (and share a place, see Admission).
            exchange.setProperty(FlowExchange.MAY_SHARE_PROCESS, true);
            return admission.enterWaiting(ready);
        }
        return admission.enterOrRefuse();
    }

    /**
     * The place is held until the work is done, and given back before the answer is rendered: a door may write
     * its answer before the exchange completes (platform-http completes it only once the response is written), and
     * a caller who sends its next request the moment it has the answer must find the place free.
     */
    private static void hold(Exchange exchange, Admission.Permit permit) {
        exchange.setProperty(PLACE, permit);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permit.close();
            }
        });
    }

    private static void leave(Exchange exchange) {
        Admission.Permit place = exchange.getProperty(PLACE, Admission.Permit.class);
        if (place != null) {
            place.close();
        }
    }

    private void count(Exchange exchange) {
        String door = label(exchange);
        metrics.inFlight(door).incrementAndGet();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                metrics.inFlight(door).decrementAndGet();
            }
        });
    }

    /** Registers, once per exchange, the job's one log line and count, written however the exchange ends. */
    private void accountAtCompletion(Exchange exchange) {
        if (exchange.getProperty(ACCOUNTED, false, Boolean.class)) {
            return;
        }
        exchange.setProperty(ACCOUNTED, true);
        JobExchange.node(exchange, node);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                account(done);
            }
        });
    }

    private void account(Exchange exchange) {
        DarkroomException error = JobExchange.error(exchange);
        if (error == null && exchange.getException() != null) {
            error = DarkroomException.unwrap(exchange.getException());
        }
        String outcome = JobExchange.left(exchange) ? "left" : error != null ? "failed"
                : JobExchange.wasNotModified(exchange) ? "not_modified" : "done";
        // A 304 is counted apart, so the metrics show how often callers already held the answer.
        String code = error != null ? error.code().code() : outcome.equals("not_modified") ? outcome : "ok";
        String flow = exchange.getProperty(FlowExchange.FLOW, "-", String.class);
        var input = JobExchange.input(exchange);
        long nanos = JobExchange.elapsedNanos(exchange);
        JobLine line = new JobLine(label(exchange), flow, JobExchange.requestId(exchange),
                input == null ? -1 : input.bytes(), nanos, outcome, code, JobExchange.sourceName(exchange),
                error == null ? null : error.detail());
        account(metrics, line);
    }

    /** Counts a finished job and writes its line; also for requests refused before any route saw them. */
    public static void account(DarkroomMetrics metrics, JobLine line) {
        if (!line.outcome().equals("left")) {
            metrics.request(line.door(), line.flow(), line.code(), line.nanos());
        }
        JobLog.write(line);
    }

    private static String label(Exchange exchange) {
        Door door = JobExchange.door(exchange);
        return door == null ? "-" : door.label();
    }
}
