package org.darkroom.fetch;

import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;

/**
 * Registers a camel-http component of its own, wired for untrusted URLs, and names the one endpoint that
 * uses it.
 *
 * <p>Its own component (not the shared {@code http} one) so that {@code camel.component.http.*} settings,
 * registry beans and other routes neither weaken it nor inherit its limits.
 */
final class FetchEndpoint {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /**
     * Fixed endpoint options; the URL to fetch travels in the {@code CamelHttpUri} header, so no user text is
     * ever parsed as an endpoint option. skipControlHeaders stays false for that header to work: the
     * fetcher builds each exchange itself, with no other header on it.
     */
    private static final String OPTIONS = "httpMethod=GET&throwExceptionOnFailure=false&disableStreamCache=true"
            + "&followRedirects=false&skipRequestHeaders=true&copyHeaders=false&bridgeEndpoint=false"
            + "&transferException=false&userAgent=Darkroom";

    private FetchEndpoint() {
    }

    /** Adds the component to {@code context} and returns the endpoint URI to send fetches to. */
    static String register(CamelContext context, FetchSettings settings, HostResolver resolver, SSLContext tls) {
        HttpComponent http = new HttpComponent();
        // Autowiring would attach any HttpActivityListener bean in the registry, which may read bodies to log them.
        http.setAutowiredEnabled(false);
        // Used for every endpoint of this component, so its DNS guard sees every connection.
        http.setClientConnectionManager(connectionManager(settings, resolver, tls));
        http.setHttpClientConfigurer(builder -> builder
                // Always direct: through a proxy, the proxy would resolve the host, out of the guard's sight.
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
                // First, i.e. outermost: it must wrap the body after ProtocolExec has tied it to the connection.
                .addExecInterceptorFirst(AbortOnClose.NAME, new AbortOnClose()));
        long connect = settings.connectTimeout().toMillis();
        long read = settings.readTimeout().toMillis();
        http.setConnectTimeout(connect);
        http.setConnectionRequestTimeout(connect);
        http.setSoTimeout(read);
        http.setResponseTimeout(read);
        // Redirects are followed by UrlFetcher, one validated hop at a time.
        http.setRedirectHandlingDisabled(true);
        http.setFollowRedirects(false);
        http.setAutomaticRetriesDisabled(true);
        // No Accept-Encoding and no transparent gunzip: the byte cap counts bytes as they arrive.
        http.setContentCompressionDisabled(true);
        http.setCookieManagementDisabled(true);
        http.setAuthCachingDisabled(true);
        http.setAllowJavaSerializedObject(false);
        String scheme = "darkroom-fetch-" + SEQUENCE.incrementAndGet();
        context.addComponent(scheme, http);
        return scheme + "://fetch.invalid?" + OPTIONS;
    }

    private static HttpClientConnectionManager connectionManager(FetchSettings settings, HostResolver resolver,
                                                                 SSLContext tls) {
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(settings, resolver))
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls != null ? tls : SSLContexts.createSystemDefault()))
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                        .setSocketTimeout(read).build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(16)
                .build();
    }
}
