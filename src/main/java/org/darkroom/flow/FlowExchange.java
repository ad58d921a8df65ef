package org.darkroom.flow;

/**
 * Names of the exchange properties a door sets before calling a flow route, and that flow routes read.
 *
 * <p>Properties, not headers: headers travel to endpoints (exec reads {@code CamelExec*} ones), properties do not.
 */
public final class FlowExchange {
    /** The flow's name (a {@link FlowSpec#name()}). */
    public static final String FLOW = "darkroom.flow";
    /** The validated {@link FlowParameters}. */
    public static final String PARAMS = "darkroom.params";
    /** The input that passed intake. */
    public static final String INPUT = "darkroom.input";
    /**
     * {@code true} when the job may wait to share an ImageMagick process with others like it (a drop-folder file,
     * whose caller is not waiting on its latency).
     */
    public static final String MAY_SHARE_PROCESS = "darkroom.mayShareProcess";
    /** The {@link BatchPlace} of a job that ran in one process with others. */
    public static final String BATCH = "darkroom.batch";

    private FlowExchange() {
    }
}
