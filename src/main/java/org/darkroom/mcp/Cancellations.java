package org.darkroom.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The tool calls of one stdio session that a client may still cancel ({@code notifications/cancelled}), by request
 * id: a cancelled call starts no more work and its answer is not sent, as the MCP specification asks.
 */
final class Cancellations {
    /** The {@code _meta} key under which the transport hands a call its own request id; clients cannot set it. */
    static final String META_KEY = "darkroom/request";

    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

    /** Starts tracking a request; returns the key the tool handler finds its flag under. */
    String track(Object requestId) {
        String key = key(requestId);
        running.put(key, new AtomicBoolean());
        return key;
    }

    void cancel(Object requestId) {
        AtomicBoolean flag = running.get(key(requestId));
        if (flag != null) {
            flag.set(true);
        }
    }

    /** Whether the call under {@code key} has been cancelled; asked again and again while it runs. */
    BooleanSupplier flag(Object key) {
        AtomicBoolean flag = key == null ? null : running.get(key.toString());
        return flag == null ? () -> false : flag::get;
    }

    /** Stops tracking a request whose answer is about to go out; {@code true} if it was cancelled. */
    boolean finish(Object requestId) {
        AtomicBoolean flag = running.remove(key(requestId));
        return flag != null && flag.get();
    }

    // "1" and 1 are different ids.
    private static String key(Object requestId) {
        return (requestId instanceof String ? "s:" : "n:") + requestId;
    }
}
