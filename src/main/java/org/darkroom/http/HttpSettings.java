package org.darkroom.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.darkroom.config.SettingException;

/**
 * The HTTP door's settings, checked at start-up.
 *
 * @param host         the address the server binds to
 * @param apiKeys      keys a caller must present; required unless {@code host} is a loopback address
 * @param metricsReaders keys that may read the metrics: the API keys and the metrics-only keys; when there are
 *                     none, the metrics are open like the rest of a loopback-only server
 * @param retryAfterSeconds what a busy answer tells the caller to wait
 * @param gets         who may use the GET form: holders of a signed address, and (when allowed) API-key callers
 * @param cacheMaxAgeSeconds how long a signed GET's image may be cached
 * @param corsOrigins  the browser origins allowed to call, {@code *} for any; empty when CORS is off
 */
public record HttpSettings(String host, ApiKeys apiKeys, ApiKeys metricsReaders, int retryAfterSeconds,
                           GetAccess gets, int cacheMaxAgeSeconds, List<String> corsOrigins) {

    /** Refuses an open door: a non-loopback address without API keys. */
    public void validate() {
        if (!apiKeys.required() && !isLoopback(host)) {
            throw new SettingException("darkroom.http.host is " + host + ", which other machines can reach,"
                    + " but no API keys are set. Set darkroom.http.api-keys (DARKROOM_HTTP_API_KEYS) or bind to"
                    + " 127.0.0.1.");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
