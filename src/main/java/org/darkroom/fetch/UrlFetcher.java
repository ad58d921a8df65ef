package org.darkroom.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.UnitOfWorkHelper;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Fetches an image by URL through camel-http, refusing anything that is not a public address, following a
 * few re-validated redirects and storing at most the byte cap.
 *
 * <p>The checks sit in three places: {@link UrlPolicy} before each request (scheme, user info, host lists,
 * literal addresses), {@link GuardedDnsResolver} inside HttpClient as each connection is made (the addresses
 * a name resolves to), and {@link BodyCopy} while the body is read (the cap), with {@link AbortOnClose}
 * dropping the connection instead of draining what is left.
 */
public final class UrlFetcher {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private record Hop(Fetched fetched, URI next) {
    }

    private final CamelContext context;
    private final FetchSettings settings;
    private final UrlPolicy policy;
    private final String endpointUri;
    private final ProducerTemplate template;

    public UrlFetcher(CamelContext context, FetchSettings settings, HostResolver resolver) {
        this(context, settings, resolver, null);
    }

    /** @param tls the TLS context for https, or null for the JVM's default trust (tests pass a test CA here) */
    public UrlFetcher(CamelContext context, FetchSettings settings, HostResolver resolver, SSLContext tls) {
        this.context = context;
        this.settings = settings;
        this.policy = new UrlPolicy(settings);
        this.endpointUri = FetchEndpoint.register(context, settings, resolver, tls);
        this.template = context.createProducerTemplate();
    }

    /**
     * Streams the body of {@code url}, after at most {@code maxRedirects} validated redirects, into
     * {@code target}.
     *
     * @throws DarkroomException FETCH_BLOCKED, FETCH_FAILED, TOO_LARGE or TIMEOUT; {@code target} is then deleted
     */
    public Fetched fetch(String url, Path target) {
        try {
            URI current = policy.check(url);
            for (int redirects = 0; ; redirects++) {
                Hop hop = fetchOnce(current, redirects == 0, redirects < settings.maxRedirects(), target);
                if (hop.fetched() != null) {
                    return hop.fetched();
                }
                current = hop.next();
            }
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // The original failure matters more than a leftover partial file in a job directory.
            }
            throw e;
        }
    }

    private Hop fetchOnce(URI url, boolean usersOwn, boolean mayRedirect, Path target) {
        Exchange exchange = new DefaultExchange(context, ExchangePattern.InOut);
        // camel-http closes the body when the unit of work is done. Owning the unit of work puts that after we
        // have read or aborted the body; otherwise the template would close it before we ever saw it.
        UnitOfWork uow = PluginHelper.getUnitOfWorkFactory(context).createUnitOfWork(exchange);
        exchange.getExchangeExtension().setUnitOfWork(uow);
        exchange.setProperty(Exchange.SKIP_GZIP_ENCODING, Boolean.TRUE);
        // A fresh exchange: the validated URL is its only header.
        exchange.getIn().setHeader(Exchange.HTTP_URI, url.toASCIIString());
        InputStream body = null;
        try {
            template.send(endpointUri, exchange);
            if (exchange.getException() != null) {
                throw FetchErrors.of(exchange.getException(), url, usersOwn);
            }
            Message response = exchange.getMessage();
            body = response.getBody() instanceof InputStream in ? in : null;
            int status = response.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            if (REDIRECTS.contains(status)) {
                return new Hop(null, redirect(url, response, mayRedirect));
            }
            if (status < 200 || status > 299) {
                throw new DarkroomException(ErrorCode.FETCH_FAILED, "The server answered with HTTP status " + status
                        + "; check that the URL points to an image.", url + " answered " + status);
            }
            BodyCopy.refuseDeclaredOversize(response.getHeader("Content-Length", String.class), settings.maxBytes());
            long bytes = BodyCopy.copy(body, target, settings.maxBytes());
            return new Hop(new Fetched(url.toString(), bytes, response.getHeader(Exchange.CONTENT_TYPE, String.class)),
                    null);
        } catch (IOException e) {
            throw FetchErrors.of(e, url, usersOwn);
        } finally {
            // At the end of the body this returns the connection to the pool; short of it, AbortOnClose drops it.
            closeQuietly(body);
            UnitOfWorkHelper.doneUow(uow, exchange);
        }
    }

    private URI redirect(URI from, Message response, boolean mayRedirect) {
        if (!mayRedirect) {
            throw new DarkroomException(ErrorCode.FETCH_FAILED, "The URL redirected too many times (the limit is "
                    + settings.maxRedirects() + "); send the URL of the image itself.", "too many redirects at " + from);
        }
        Object location = response.getHeader("Location");
        if (!(location instanceof String text) || text.isBlank()) {
            throw new DarkroomException(ErrorCode.FETCH_FAILED,
                    "The URL redirected without a single target; send the URL of the image itself.",
                    "redirect without one Location from " + from + ": " + location);
        }
        return policy.checkRedirect(from, text);
    }

    private static void closeQuietly(InputStream body) {
        if (body != null) {
            try {
                body.close();
            } catch (IOException | RuntimeException ignored) {
                // The connection is being dropped; there is nothing left to read or report.
            }
        }
    }
}
