package org.darkroom.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;

/**
 * The Vert.x instance Camel's HTTP server is built on, bound in the registry so the server takes it: its servers
 * speak HTTP/1.1 on plain connections, with no {@code h2c} upgrade.
 *
 * <p>Camel's server cannot be given server options, and Vert.x accepts an {@code h2c} upgrade by default. Over
 * HTTP/2 a request whose body {@link BodyGate} has read to its end can no longer be paused or resumed, which Camel's
 * route does to every request; over HTTP/1.1 it can. Clients that offer the upgrade (Java's HttpClient does) simply
 * go on in HTTP/1.1. TLS with ALPN is not affected.
 */
public final class Http1Vertx extends VertxWrapper {
    private Http1Vertx(VertxInternal delegate) {
        super(delegate);
    }

    /** A new Vert.x instance; Camel's server closes it when it stops. */
    public static Vertx create() {
        return new Http1Vertx((VertxInternal) Vertx.vertx());
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        return super.createHttpServer(new HttpServerOptions(options).setHttp2ClearTextEnabled(false));
    }
}
