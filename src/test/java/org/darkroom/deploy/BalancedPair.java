package org.darkroom.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.PrivateNginx;

/**
 * Two Darkroom instances, each in its own JVM with its own data directory and port (HTTP door only) and the same API
 * key, behind a private nginx running the shipped configuration: what an operator builds from deploy/.
 */
final class BalancedPair implements AutoCloseable {
    /** Behind a balancer every request comes from nginx's address, so the instances need keys, as the config says. */
    static final String API_KEY = "balanced-pair-key";
    final ChildDarkroom first;
    final ChildDarkroom second;
    final int firstPort;
    final int secondPort;
    final PrivateNginx nginx;

    private BalancedPair(ChildDarkroom first, int firstPort, ChildDarkroom second, int secondPort, PrivateNginx nginx) {
        this.first = first;
        this.firstPort = firstPort;
        this.second = second;
        this.secondPort = secondPort;
        this.nginx = nginx;
    }

    /** Starts both instances at once (start-up is mostly waiting for the JVM and the ImageMagick probe), then nginx. */
    static BalancedPair start(Path dir) {
        int firstPort = HttpClientSupport.freePort();
        int secondPort = HttpClientSupport.freePort();
        CompletableFuture<ChildDarkroom> first = CompletableFuture.supplyAsync(() -> instance(dir, "first", firstPort));
        CompletableFuture<ChildDarkroom> second = CompletableFuture.supplyAsync(() -> instance(dir, "second", secondPort));
        try {
            PrivateNginx nginx = PrivateNginx.start(dir.resolve("nginx"), List.of(firstPort, secondPort));
            return new BalancedPair(first.join(), firstPort, second.join(), secondPort, nginx);
        } catch (RuntimeException failed) {
            // Whatever did start is stopped, so a failed start leaves no process behind.
            for (CompletableFuture<ChildDarkroom> instance : List.of(first, second)) {
                try {
                    stopQuietly(instance.join());
                } catch (RuntimeException notStarted) {
                    if (notStarted != failed) {
                        failed.addSuppressed(notStarted);
                    }
                }
            }
            throw failed;
        }
    }

    private static void stopQuietly(ChildDarkroom instance) {
        try {
            instance.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ChildDarkroom instance(Path dir, String name, int port) {
        return ChildDarkroom.start(dir.resolve(name), dir.resolve(name + ".log"),
                Map.of("darkroom.doors", "http", "darkroom.http.port", String.valueOf(port),
                        "darkroom.http.api-keys", API_KEY), List.of("-Xmx256m"));
    }

    HttpClientSupport http() {
        return nginx.http();
    }

    /** Every log, for a failure message: both instances' and nginx's error log. */
    String logs() {
        return "first instance:\n" + first.logText() + "\nsecond instance:\n" + second.logText()
                + "\nnginx errors:\n" + String.join("\n", nginx.errorLog());
    }

    /** nginx first, so it sends nothing to instances that are going away; then both instances (SIGTERM). */
    @Override
    public void close() throws InterruptedException {
        try {
            nginx.close();
        } finally {
            first.stop();
            second.stop();
        }
    }
}
