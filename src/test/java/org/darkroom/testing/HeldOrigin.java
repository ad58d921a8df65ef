package org.darkroom.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A web server on loopback whose one image is held back until the test releases it: a request that fetches it
 * stays in progress, holding whatever it holds, for as long as the test needs.
 */
public final class HeldOrigin implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch asked = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    public HeldOrigin(String sample) {
        try {
            byte[] body = Files.readAllBytes(Samples.get(sample));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            server.createContext("/held.jpg", exchange -> {
                asked.countDown();
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The held image's address. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/held.jpg";
    }

    /** Waits until someone asked for the image (and is now held). */
    public void awaitAsked(Duration timeout) throws InterruptedException {
        if (!asked.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("nobody asked for " + url() + " within " + timeout);
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
