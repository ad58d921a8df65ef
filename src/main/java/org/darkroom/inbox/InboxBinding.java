package org.darkroom.inbox;

import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;

/**
 * A named inbox bound to a flow with fixed parameters, e.g. {@code web} = resize to 1600 wide as WebP.
 *
 * @param name   the folder name under {@code inbox/}, {@code outbox/}, {@code archive/} and {@code failed/}
 * @param flow   the flow every file dropped here goes through
 * @param params the flow's parameters, validated at start-up
 */
public record InboxBinding(String name, FlowSpec flow, FlowParameters params) {
}
