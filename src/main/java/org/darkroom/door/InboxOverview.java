package org.darkroom.door;

import java.time.Instant;
import java.util.List;

/**
 * What the drop folders hold right now, for the HTTP door's {@code GET /v1/inboxes}: the inbox package answers it,
 * the HTTP door renders it, and neither knows the other.
 *
 * <p>Counting is bounded: no folder is listed past {@link #COUNT_LIMIT} names, and only the {@link #FAILURE_LIMIT}
 * latest error records are read, so a folder of a million files costs a request no more than that.
 */
public interface InboxOverview {
    /** The most names counted in one folder; a count that reached it says "at least". */
    int COUNT_LIMIT = 10_000;
    /** The most recent failures read and shown per inbox. */
    int FAILURE_LIMIT = 5;
    /** The overview of a process that watches no folders. */
    InboxOverview NONE = List::of;

    /** Every configured inbox, by name. */
    List<InboxState> inboxes();

    /**
     * One inbox's state.
     *
     * @param waiting  inputs in {@code inbox/<name>/}, not yet taken
     * @param done     records in {@code outbox/<name>/}, one per input done
     * @param failed   inputs in {@code failed/<name>/}
     * @param capped   which of {@code waiting}, {@code done}, {@code failed} reached {@link #COUNT_LIMIT}
     * @param failures the latest failures, newest first, at most {@link #FAILURE_LIMIT}
     */
    record InboxState(String inbox, String flow, long waiting, long done, long failed, List<String> capped,
                      List<Failure> failures) {
    }

    /**
     * One failure as its error record tells it.
     *
     * @param name    the input's original name
     * @param code    the stable error code
     * @param message the sentence for the user
     * @param when    when the record was written
     */
    record Failure(String name, String code, String message, String requestId, Instant when) {
    }
}
