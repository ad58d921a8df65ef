package org.darkroom.http;

import org.darkroom.door.Admission;

/**
 * A request the body gate let in: its id and start (the request's one clock starts before its body is read), the
 * place it holds under the service's limit (none for {@code /mcp}, whose tool calls take their own), its body, and,
 * for the GET form, how its answer may be cached ({@code null} for a POST).
 */
record AdmittedRequest(String requestId, long startedNanos, Admission.Permit permit, ReceivedBody body,
                       GetAccess.Caching caching) {
}
