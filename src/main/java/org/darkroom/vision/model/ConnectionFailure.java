package org.darkroom.vision.model;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Says in words why a download could not start, and the two ways forward when this machine cannot reach the model's
 * host: a mirror it can reach, or a bundle copied onto it by other means.
 *
 * <p>Java names these failures by exception class, often with no message at all ({@code ConnectException}), which
 * tells a person offline nothing about what to do next.
 */
final class ConnectionFailure {
    static final String WAYS_FORWARD = "If this machine cannot reach it, download through a mirror it can reach "
            + "(./darkroom fetch-model --base-url https://…), or copy a bundle onto it and start the service with "
            + "./darkroom run --model FILE --model-sha256 HEX.";

    private ConnectionFailure() {
    }

    /** The failure as a sentence, for a download of {@code url} that failed with {@code e} before any byte came. */
    static FetchFailure of(URI url, IOException e, Duration connectTimeout, Duration responseTimeout) {
        String host = url.getHost();
        return new FetchFailure("The download of " + url + " failed: " + reason(host, e, connectTimeout,
                responseTimeout) + ". " + WAYS_FORWARD, e);
    }

    private static String reason(String host, IOException e, Duration connectTimeout, Duration responseTimeout) {
        if (inChain(e, UnknownHostException.class) || inChain(e, UnresolvedAddressException.class)) {
            return "could not find the address of " + host + " (no name service answer: is this machine offline?)";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "could not connect to " + host + " within " + connectTimeout.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return host + " did not answer within " + responseTimeout.toSeconds() + " s";
        }
        if (inChain(e, ConnectException.class) || inChain(e, NoRouteToHostException.class)) {
            return "could not connect to " + host + " (nothing answered, or no route to it)";
        }
        if (inChain(e, SSLException.class)) {
            return "the secure connection to " + host + " could not be set up (" + FetchFiles.describe(e)
                    + "; a proxy that intercepts TLS needs its certificate in Java's trust store)";
        }
        return "the connection to " + host + " failed (" + FetchFiles.describe(e) + ")";
    }

    /** Java's HTTP client wraps the telling exception in others, at a depth that varies with the failure. */
    private static boolean inChain(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
