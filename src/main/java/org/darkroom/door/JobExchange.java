package org.darkroom.door;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.JobDir;
import org.darkroom.intake.WorkArea;

/**
 * The exchange properties of one job, from the door that read it to the door that renders it: the properties
 * are the contract between the door steps, {@link FlowCall} and the flow routes (which read {@link FlowExchange}'s).
 */
public final class JobExchange {
    /** Exchange property holding the flow's route, for the dispatching {@code toD} of {@code run-flow}. */
    public static final String ROUTE = "darkroom.flowRoute";
    private static final String DOOR = "darkroom.door";
    private static final String ID = "darkroom.requestId";
    private static final String STARTED = "darkroom.started";
    private static final String NAME = "darkroom.sourceName";
    private static final String REQUEST = "darkroom.request";
    private static final String JOB = "darkroom.jobDir";
    private static final String RECORD = "darkroom.record";
    private static final String ERROR = "darkroom.error";
    private static final String LEFT = "darkroom.left";
    private static final String NOT_MODIFIED = "darkroom.jobNotModified";
    private static final String NODE = "darkroom.node";

    private JobExchange() {
    }

    /**
     * The first thing a door's read step does: which door, the request's id, and when it started (the one clock
     * of the request, which the log line, the metrics and the record's {@code elapsed_ms} all read).
     */
    public static void begin(Exchange exchange, Door door, String requestId, long startedNanos) {
        exchange.setProperty(DOOR, door);
        exchange.setProperty(ID, requestId);
        exchange.setProperty(STARTED, startedNanos);
    }

    /** What the door read, for {@link FlowCall#admit}. */
    public static void request(Exchange exchange, FlowRequest request) {
        exchange.setProperty(REQUEST, request);
    }

    /** How the log names the input (a dropped file as {@code <inbox>/<file>}); else the name intake recorded. */
    public static void sourceName(Exchange exchange, String name) {
        exchange.setProperty(NAME, name);
    }

    static FlowRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, FlowRequest.class);
    }

    public static Door door(Exchange exchange) {
        return exchange.getProperty(DOOR, Door.class);
    }

    public static String requestId(Exchange exchange) {
        return exchange.getProperty(ID, String.class);
    }

    static String sourceName(Exchange exchange) {
        String given = exchange.getProperty(NAME, String.class);
        AcceptedImage input = input(exchange);
        return given != null || input == null ? given : input.originalName();
    }

    /** A job directory that is deleted, with everything in it, when the exchange completes in any way. */
    static JobDir open(Exchange exchange, WorkArea workArea) {
        JobDir job = workArea.newJob();
        exchange.setProperty(JOB, job);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                job.close();
            }
        });
        return job;
    }

    public static JobDir job(Exchange exchange) {
        return exchange.getProperty(JOB, JobDir.class);
    }

    /** Sets what {@code direct:run-flow} and the flow routes read. */
    static void handOver(Exchange exchange, FlowSpec flow, FlowParameters params, AcceptedImage input) {
        exchange.setProperty(FlowExchange.FLOW, flow.name());
        exchange.setProperty(FlowExchange.PARAMS, params);
        exchange.setProperty(FlowExchange.INPUT, input);
        exchange.setProperty(ROUTE, flow.route());
    }

    public static String flow(Exchange exchange) {
        return exchange.getProperty(FlowExchange.FLOW, String.class);
    }

    public static FlowParameters params(Exchange exchange) {
        return exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class);
    }

    public static AcceptedImage input(Exchange exchange) {
        return exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
    }

    static long elapsedNanos(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? 0 : System.nanoTime() - started;
    }

    public static long elapsedMillis(Exchange exchange) {
        return TimeUnit.NANOSECONDS.toMillis(elapsedNanos(exchange));
    }

    static void record(Exchange exchange, Map<String, Object> record) {
        exchange.setProperty(RECORD, record);
    }

    /** The job's record, made by {@link FlowCall#done}, for the door to render. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> record(Exchange exchange) {
        return exchange.getProperty(RECORD, Map.class);
    }

    static void error(Exchange exchange, DarkroomException error) {
        exchange.setProperty(ERROR, error);
    }

    static DarkroomException error(Exchange exchange) {
        return exchange.getProperty(ERROR, DarkroomException.class);
    }

    static void node(Exchange exchange, String node) {
        exchange.setProperty(NODE, node);
    }

    /** The node that took the job, for a record the door writes itself (a drop folder's failure). */
    public static String node(Exchange exchange) {
        return exchange.getProperty(NODE, String.class);
    }

    /** Marks a job the door put back for later (a drop-folder file left in its inbox): not finished, not failed. */
    public static void leftForLater(Exchange exchange) {
        exchange.setProperty(LEFT, true);
    }

    /** Marks a job answered without running: the caller already held its result (HTTP 304). */
    public static void notModified(Exchange exchange) {
        exchange.setProperty(NOT_MODIFIED, true);
    }

    public static boolean wasNotModified(Exchange exchange) {
        return exchange.getProperty(NOT_MODIFIED, false, Boolean.class);
    }

    /** Whether the door put the job back for later. */
    public static boolean left(Exchange exchange) {
        return exchange.getProperty(LEFT, false, Boolean.class);
    }
}
