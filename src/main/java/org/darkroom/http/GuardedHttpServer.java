package org.darkroom.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrafficShapingOptions;
import io.vertx.core.streams.ReadStream;

/**
 * Camel's HTTP server with {@link ConnectionGuard} in front of whatever request handler Camel installs (its
 * router), and {@link InvalidRequests} answering what cannot be parsed. Everything else is passed through.
 */
final class GuardedHttpServer implements HttpServer {
    private final HttpServer server;
    private final ConnectionGuard guard;
    private Handler<HttpServerRequest> handler;

    GuardedHttpServer(HttpServer server, ConnectionGuard guard, DoorAnswers answers) {
        this.server = server;
        this.guard = guard;
        server.connectionHandler(guard::opened);
        server.invalidRequestHandler(request -> InvalidRequests.answer(request, answers));
    }

    @Override
    public HttpServer requestHandler(Handler<HttpServerRequest> handler) {
        this.handler = handler;
        server.requestHandler(guard.requests(handler));
        return this;
    }

    @Override
    public Handler<HttpServerRequest> requestHandler() {
        return handler;
    }

    @Override
    public ReadStream<HttpServerRequest> requestStream() {
        throw new UnsupportedOperationException("Darkroom's server takes a request handler");
    }

    @Override
    public HttpServer invalidRequestHandler(Handler<HttpServerRequest> handler) {
        throw new UnsupportedOperationException("Darkroom answers invalid requests itself");
    }

    @Override
    public HttpServer connectionHandler(Handler<HttpConnection> handler) {
        throw new UnsupportedOperationException("Darkroom's connection guard handles connections");
    }

    @Override
    public HttpServer exceptionHandler(Handler<Throwable> handler) {
        server.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<ServerWebSocket> webSocketStream() {
        return server.webSocketStream();
    }

    @Override
    public HttpServer webSocketHandler(Handler<ServerWebSocket> handler) {
        server.webSocketHandler(handler);
        return this;
    }

    @Override
    public HttpServer webSocketHandshakeHandler(Handler<ServerWebSocketHandshake> handler) {
        server.webSocketHandshakeHandler(handler);
        return this;
    }

    @Override
    public Handler<ServerWebSocket> webSocketHandler() {
        return server.webSocketHandler();
    }

    @Override
    public Future<Boolean> updateSSLOptions(SSLOptions options, boolean force) {
        return server.updateSSLOptions(options, force);
    }

    @Override
    public void updateTrafficShapingOptions(TrafficShapingOptions options) {
        server.updateTrafficShapingOptions(options);
    }

    @Override
    public Future<HttpServer> listen() {
        return server.listen().map(this);
    }

    @Override
    public Future<HttpServer> listen(SocketAddress address) {
        return server.listen(address).map(this);
    }

    @Override
    public Future<Void> close() {
        return server.close();
    }

    @Override
    public void close(Handler<AsyncResult<Void>> done) {
        server.close(done);
    }

    @Override
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public boolean isMetricsEnabled() {
        return server.isMetricsEnabled();
    }
}
