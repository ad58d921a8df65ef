package org.darkroom.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;
import org.darkroom.flow.DarkroomMetrics;

/**
 * The Vert.x instance Camel's HTTP server is built on, bound in the registry so the server takes it: its servers
 * speak HTTP/1.1 on plain connections, with no {@code h2c} upgrade.
 *
 * <p>Camel's server cannot be given server options, and Vert.x accepts an {@code h2c} upgrade by default. Over
 * HTTP/2 a request whose body {@link BodyGate} has read to its end can no longer be paused or resumed, which Camel's
 * route does to every request; over HTTP/1.1 it can. Clients that offer the upgrade (Java's HttpClient does) simply
 * go on in HTTP/1.1. TLS with ALPN is not affected.
 *
 * <p>Its servers are also guarded ({@link ConnectionGuard}): idle connections are closed and surplus ones refused,
 * and what Vert.x cannot parse is answered with problem JSON ({@link InvalidRequests}).
 */
public final class Http1Vertx extends VertxWrapper {
    private final DoorAnswers answers;
    private final ConnectionGuard guard;

    private Http1Vertx(VertxInternal delegate, ConnectionLimits limits, DarkroomMetrics metrics) {
        super(delegate);
        this.answers = new DoorAnswers(metrics, limits.retryAfterSeconds());
        this.guard = new ConnectionGuard(this, limits, answers);
    }

    /**
     * A new Vert.x instance; Camel's server closes it when it stops.
     *
     * <p>It resolves no files from the class path, so it keeps no file cache: Vert.x would otherwise create one in
     * the shared temporary directory ({@code vertx-cache-*}), left behind by a crash. Darkroom serves no files.
     *
     * @param limits how long and how many connections the server keeps
     */
    public static Vertx create(ConnectionLimits limits, DarkroomMetrics metrics) {
        return new Http1Vertx((VertxInternal) Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false))),
                limits, metrics);
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        return new GuardedHttpServer(super.createHttpServer(new HttpServerOptions(options)
                .setHttp2ClearTextEnabled(false)), guard, answers);
    }
}
