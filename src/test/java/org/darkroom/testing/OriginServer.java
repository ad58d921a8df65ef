package org.darkroom.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;

/** A real web server on loopback that serves sample files by path, for tests that fetch images by URL. */
public final class OriginServer implements AutoCloseable {
    private final HttpServer server;

    private OriginServer(HttpServer server) {
        this.server = server;
    }

    /** Serves each sample under {@code /<path>}, e.g. {@code Map.of("photo.jpg", "plain.jpg")}. */
    public static OriginServer serving(Map<String, String> samplesByPath) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            for (Map.Entry<String, String> entry : samplesByPath.entrySet()) {
                byte[] body = Files.readAllBytes(Samples.get(entry.getValue()));
                server.createContext("/" + entry.getKey(), exchange -> {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
            }
            server.start();
            return new OriginServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
