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

    private FlowExchange() {
    }
}
