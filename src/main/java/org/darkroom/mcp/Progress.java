package org.darkroom.mcp;

/**
 * Where a long tool call reports how far it got, and learns whether its client cancelled it; transports that cannot
 * notify the client pass {@link #NONE}.
 */
@FunctionalInterface
interface Progress {
    /** For stateless HTTP, which has no channel for notifications during a call. */
    Progress NONE = (done, total, message) -> {
    };

    void report(int done, int total, String message);

    /** Whether the client cancelled the call ({@code notifications/cancelled}): start no more work for it. */
    default boolean cancelled() {
        return false;
    }
}
