package org.darkroom.door;

/**
 * The account of one job, whatever its door: the fields of its log line and of its metrics.
 *
 * @param door    {@code http}, {@code mcp} or {@code inbox}
 * @param flow    the flow's name, or {@code -} when the request never named a known one
 * @param id      the request id
 * @param bytes   the input's size once received, else {@code -1}
 * @param nanos   from the door's first step to the end of the answer
 * @param outcome {@code done}, {@code failed}, or {@code left} (a dropped file put back for a later poll)
 * @param code    {@code ok} or the error code
 * @param name    the name the input arrived with (for a dropped file, {@code <inbox>/<file>}), or {@code null}
 * @param detail  the failure's detail for the operator (never shown to the caller), or {@code null}
 */
public record JobLine(String door, String flow, String id, long bytes, long nanos, String outcome, String code,
                      String name, String detail) {

    public long millis() {
        return nanos / 1_000_000;
    }
}
