package org.darkroom.door;

import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.JobDir;
import org.darkroom.intake.WorkArea;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;

/** What every door does to an exchange around a flow: open a job directory, hand over the request, time it. */
public final class JobExchange {
    /** Exchange property holding the flow's route, for the dispatching {@code toD} of {@code run-flow}. */
    public static final String ROUTE = "darkroom.flowRoute";
    private static final String JOB = "darkroom.jobDir";
    private static final String STARTED = "darkroom.started";

    private JobExchange() {
    }

    /** A job directory that is deleted, with everything in it, when the exchange completes in any way. */
    public static JobDir open(Exchange exchange, WorkArea workArea) {
        exchange.setProperty(STARTED, System.nanoTime());
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
    public static void handOver(Exchange exchange, FlowSpec flow, FlowParameters params, AcceptedImage input) {
        exchange.setProperty(FlowExchange.FLOW, flow.name());
        exchange.setProperty(FlowExchange.PARAMS, params);
        exchange.setProperty(FlowExchange.INPUT, input);
        exchange.setProperty(ROUTE, flow.route());
    }

    public static AcceptedImage input(Exchange exchange) {
        return exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
    }

    public static long elapsedMillis(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
