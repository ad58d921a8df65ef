package org.darkroom.vision.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on a random loopback port that serves one file, well or badly, and counts requests. */
final class BundleServer implements AutoCloseable {
    /** How the file is served. */
    enum Behaviour {
        /** The bytes as they are, with their Content-Length. */
        FAITHFUL,
        /** Announces the full Content-Length, sends half and closes the connection. */
        CUT_OFF,
        /** Half the bytes, with a Content-Length that honestly says so. */
        SHORT_LENGTH,
        /** Half the bytes, chunked, so the client only sees the stream end. */
        SHORT_CHUNKED,
        /** The bytes and one more, chunked. */
        LONG_CHUNKED,
        /** 404. */
        NOT_FOUND
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] content;
    private volatile Behaviour behaviour = Behaviour.FAITHFUL;

    BundleServer(String fileName, byte[] content) throws IOException {
        this.content = content;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mirror/" + fileName, this::serve);
        server.start();
    }

    /** The directory to give as --base-url. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror";
    }

    void serve(byte[] newContent, Behaviour newBehaviour) {
        content = newContent;
        behaviour = newBehaviour;
    }

    int requests() {
        return requests.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] bytes = content;
        int half = bytes.length / 2;
        try (exchange; OutputStream body = exchange.getResponseBody()) {
            switch (behaviour) {
                case FAITHFUL -> {
                    exchange.sendResponseHeaders(200, bytes.length);
                    body.write(bytes);
                }
                case CUT_OFF -> {
                    exchange.sendResponseHeaders(200, bytes.length);
                    body.write(bytes, 0, half);
                    body.flush();
                    // Closing short of the announced length makes the server drop the connection.
                }
                case SHORT_LENGTH -> {
                    exchange.sendResponseHeaders(200, half);
                    body.write(bytes, 0, half);
                }
                case SHORT_CHUNKED -> {
                    exchange.sendResponseHeaders(200, 0);
                    body.write(bytes, 0, half);
                }
                case LONG_CHUNKED -> {
                    exchange.sendResponseHeaders(200, 0);
                    body.write(bytes);
                    body.write(0);
                }
                case NOT_FOUND -> exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
