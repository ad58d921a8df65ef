package org.darkroom.http;

import org.darkroom.config.Settings;

/**
 * How long and how many connections the HTTP server keeps, from {@code darkroom.http.*}.
 *
 * @param maxConnections    connections open at once; each one more is answered {@code 503 busy} and closed
 * @param headTimeoutMs     how long a new connection may take to send a complete request head
 * @param idleTimeoutMs     how long a kept-alive connection may wait, between requests, for its next one
 * @param retryAfterSeconds what a busy answer tells the caller to wait
 */
public record ConnectionLimits(int maxConnections, long headTimeoutMs, long idleTimeoutMs, int retryAfterSeconds) {
    public static ConnectionLimits from(Settings settings) {
        return new ConnectionLimits(settings.positiveInt("darkroom.http.max-connections"),
                settings.positiveLong("darkroom.http.head-timeout-ms"),
                settings.positiveLong("darkroom.http.idle-timeout-ms"),
                settings.positiveInt("darkroom.http.retry-after-s"));
    }
}
