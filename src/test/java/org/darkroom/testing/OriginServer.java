package org.darkroom.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real web server on loopback that serves sample files by path, for tests that fetch images by URL. It may hold
 * its answers back until the test releases them, so that a request fetching an image stays in progress, holding
 * whatever it holds, for as long as the test needs.
 */
public final class OriginServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch asked = new CountDownLatch(1);
    private final CountDownLatch released;

    private OriginServer(HttpServer server, boolean held) {
        this.server = server;
        this.released = new CountDownLatch(held ? 1 : 0);
    }

    /** Serves each sample under {@code /<path>}, e.g. {@code Map.of("photo.jpg", "plain.jpg")}. */
    public static OriginServer serving(Map<String, String> samplesByPath) {
        return start(samplesByPath, false);
    }

    /** Serves the sample under {@code /<path>}, but answers only once {@link #release()} is called. */
    public static OriginServer holding(String path, String sample) {
        return start(Map.of(path, sample), true);
    }

    private static OriginServer start(Map<String, String> samplesByPath, boolean held) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OriginServer origin = new OriginServer(server, held);
            server.setExecutor(origin.threads);
            for (Map.Entry<String, String> entry : samplesByPath.entrySet()) {
                byte[] body = Files.readAllBytes(Samples.get(entry.getValue()));
                server.createContext("/" + entry.getKey(), exchange -> {
                    origin.asked.countDown();
                    try {
                        origin.released.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
            }
            server.start();
            return origin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits until someone asked for an image (and, when held, is now waiting for it). */
    public void awaitAsked(Duration timeout) throws InterruptedException {
        if (!asked.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("nobody asked " + base() + " for an image within " + timeout);
        }
    }

    /** Lets every held request have its image. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
