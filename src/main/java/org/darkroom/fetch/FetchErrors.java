package org.darkroom.fetch;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Turns what camel-http and HttpClient throw into coded errors whose sentences name at most the host the
 * user wrote, never an address it resolved to or a host a redirect chose.
 */
final class FetchErrors {

    private FetchErrors() {
    }

    /** The coded error for {@code thrown} while fetching {@code url}; {@code usersOwn} if the user wrote it. */
    static DarkroomException of(Throwable thrown, URI url, boolean usersOwn) {
        String site = usersOwn ? "the host " + FetchSettings.normalize(url.getHost()) : "the site the URL redirected to";
        String detail = url + ": " + thrown;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof DarkroomException coded) {
                return coded;
            }
            if (t instanceof GuardedDnsResolver.AddressBlockedException) {
                return new DarkroomException(ErrorCode.FETCH_BLOCKED, capitalized(site)
                        + " resolves to an address that is not public; use a URL on a public host.", detail, thrown);
            }
            // Connect and read timeouts both arrive as InterruptedIOException subclasses.
            if (t instanceof InterruptedIOException) {
                return new DarkroomException(ErrorCode.TIMEOUT, capitalized(site)
                        + " did not answer in time; try again later or send the image itself.", detail, thrown);
            }
            if (t instanceof UnknownHostException) {
                return failed(capitalized(site) + " could not be found; check the URL.", detail, thrown);
            }
            if (t instanceof SSLException) {
                return failed("A secure connection to " + site
                        + " could not be established; check that the site has a valid certificate.", detail, thrown);
            }
            if (t instanceof ConnectException) {
                return failed(capitalized(site) + " refused the connection; check the URL.", detail, thrown);
            }
        }
        return failed("The URL could not be fetched from " + site + "; check that it is reachable.", detail, thrown);
    }

    private static DarkroomException failed(String publicMessage, String detail, Throwable cause) {
        return new DarkroomException(ErrorCode.FETCH_FAILED, publicMessage, detail, cause);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
