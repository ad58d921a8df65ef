package org.darkroom.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.darkroom.Darkroom;

/** Darkroom started in this JVM on a private data directory, with fast drop-folder timings for tests. */
public final class RunningDarkroom implements AutoCloseable {
    private final Main main;
    private final DataDir data;
    private final int port;

    private RunningDarkroom(Main main, DataDir data, int port) {
        this.main = main;
        this.data = data;
        this.port = port;
    }

    /** Starts Darkroom with test timings plus {@code settings}, which win over everything else. */
    public static RunningDarkroom start(Path dataDir, Map<String, String> settings) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(testSettings(dataDir));
        all.putAll(settings);
        System.setProperty("darkroom.home", Samples.projectDir().toString());
        Main main = Darkroom.create(all);
        try {
            main.start();
        } catch (Exception e) {
            // Whatever did start (the server, the data-directory lock) is released for the next test.
            try {
                main.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return new RunningDarkroom(main, new DataDir(dataDir), Integer.parseInt(all.get("darkroom.http.port")));
    }

    /** Settings every test run uses: real ImageMagick at /usr/bin, short settle and poll times. */
    public static Map<String, String> testSettings(Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("darkroom.data", dataDir.toString());
        settings.put("darkroom.magick.binary", "/usr/bin/convert");
        settings.put("darkroom.drop.settle-ms", "200");
        settings.put("darkroom.drop.poll-delay-ms", "100");
        settings.put("darkroom.drop.progress-interval-ms", "1000");
        settings.put("camel.main.shutdown-timeout", "10");
        // Every service a test starts gets its own port, so tests never collide with each other or a developer's
        // running Darkroom; tests that call the HTTP door set their own.
        settings.put("darkroom.http.port", String.valueOf(HttpClientSupport.freePort()));
        // No vision model unless a test asks for one: a bundle a developer fetched into models/ must not slow the
        // suite down or change its answers.
        settings.put("darkroom.model", dataDir.resolveSibling("no-model.mf").toString());
        return settings;
    }

    public DataDir data() {
        return data;
    }

    /** The HTTP door's port: a free one chosen for this service unless the test set its own. */
    public int port() {
        return port;
    }

    /** A client for this service's HTTP door. */
    public HttpClientSupport http() {
        return new HttpClientSupport("http://127.0.0.1:" + port);
    }

    public Main main() {
        return main;
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
