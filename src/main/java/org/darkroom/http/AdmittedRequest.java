package org.darkroom.http;

import org.darkroom.door.Admission;

/**
 * A request the body gate let in: its id and start (the request's one clock starts before its body is read), the
 * place it holds under the service's limit (none for {@code /mcp}, whose tool calls take their own), and its body.
 */
record AdmittedRequest(String requestId, long startedNanos, Admission.Permit permit, ReceivedBody body) {
}
