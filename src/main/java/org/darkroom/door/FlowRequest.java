package org.darkroom.door;

import java.util.Map;
import org.darkroom.flow.FlowParameters;

/**
 * What a door read from its input, in the one shape every door hands to {@link FlowCall#admit}: which flow, with
 * which parameters, on which image.
 *
 * @param flow     the flow's name, as the caller gave it (an unknown one is answered {@code unknown_flow})
 * @param params   the raw parameters, parsed by the flow's parameter set; {@code null} when {@code parsed} is given
 * @param parsed   parameters parsed and checked ahead of time (a drop folder's, at start-up), else {@code null}
 * @param source   the image
 * @param admitted the place the door already holds for this request (HTTP takes it before reading the body), or
 *                 {@code null} for {@link FlowCall} to take one by the door's rule; a held place is the door's to
 *                 give back
 */
public record FlowRequest(String flow, Map<String, Object> params, FlowParameters parsed, ImageSource source,
                          Admission.Permit admitted) {

    /** A request whose parameters are parsed per request. */
    public static FlowRequest of(String flow, Map<String, Object> params, ImageSource source) {
        return new FlowRequest(flow, params, null, source, null);
    }

    /** A request whose parameters were parsed ahead of time. */
    public static FlowRequest prepared(String flow, FlowParameters parsed, ImageSource source) {
        return new FlowRequest(flow, null, parsed, source, null);
    }

    /** The same request, admitted already under {@code permit}. */
    public FlowRequest admittedUnder(Admission.Permit permit) {
        return new FlowRequest(flow, params, parsed, source, permit);
    }
}
