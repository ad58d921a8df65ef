package org.darkroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Debian's nginx running the shipped {@code deploy/nginx/darkroom.conf} in front of test instances: the file as
 * shipped, with only its instance addresses, its listen port and its log directory changed, in a private prefix
 * directory (pid, temporary files, logs), in the foreground as this JVM's child, so stopping it leaves nothing.
 */
public final class PrivateNginx implements AutoCloseable {
    /** The shipped configuration, as an operator copies it to /etc/nginx/conf.d/. */
    public static final Path SHIPPED = Samples.projectDir().resolve("deploy/nginx/darkroom.conf");
    private static final Pattern INSTANCE = Pattern.compile("(?m)^(\\s*server )127\\.0\\.0\\.1:\\d+(\\s)");
    private static final String LISTEN = "listen 80 default_server;";
    private static final String LOG_DIR = "/var/log/nginx/";
    /** Debian's path, which a user's PATH lacks (sbin); elsewhere whatever PATH finds. */
    private static final String BINARY = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";

    private final Process process;
    private final Path dir;
    private final int port;

    private PrivateNginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts nginx in {@code dir} (created), balancing the instances on {@code instancePorts}, and waits for it. */
    public static PrivateNginx start(Path dir, List<Integer> instancePorts) {
        try {
            Files.createDirectories(dir);
            int port = HttpClientSupport.freePort();
            Files.writeString(dir.resolve("darkroom.conf"), adapted(Files.readString(SHIPPED), dir, port, instancePorts));
            Files.writeString(dir.resolve("nginx.conf"), mainConfiguration(dir));
            Process process = new ProcessBuilder(BINARY, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                    "-e", dir.resolve("startup-error.log").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            PrivateNginx nginx = new PrivateNginx(process, dir, port);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> accepts(port) || !process.isAlive());
            if (!process.isAlive()) {
                throw new AssertionError("nginx did not start:\n" + Files.readString(dir.resolve("nginx.out")));
            }
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped file with the test's addresses: each {@code server 127.0.0.1:PORT} line in turn, listen, logs. */
    static String adapted(String shipped, Path dir, int port, List<Integer> instancePorts) {
        Matcher instances = INSTANCE.matcher(shipped);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (instances.find()) {
            if (next == instancePorts.size()) {
                throw new AssertionError("the shipped config lists more instances than the test started");
            }
            instances.appendReplacement(out, Matcher.quoteReplacement(
                    instances.group(1) + "127.0.0.1:" + instancePorts.get(next++) + instances.group(2)));
        }
        instances.appendTail(out);
        if (next != instancePorts.size() || !shipped.contains(LISTEN) || !shipped.contains(LOG_DIR)) {
            throw new AssertionError("the shipped config no longer has the lines this test adapts: " + SHIPPED);
        }
        return out.toString().replace(LISTEN, "listen 127.0.0.1:" + port + ";").replace(LOG_DIR, dir + "/");
    }

    /** What /etc/nginx/nginx.conf gives the shipped file, kept inside {@code dir}. */
    private static String mainConfiguration(Path dir) {
        // As root, nginx's workers would run as nobody, who cannot enter a test's private directory.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("main-error.log") + ";\n"
                + "worker_processes 1;\n"
                + "events { worker_connections 512; }\n"
                + "http {\n"
                + "  client_body_temp_path " + dir.resolve("client_body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + "  include " + dir.resolve("darkroom.conf") + ";\n"
                + "}\n";
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A client for the balancer's address. */
    public HttpClientSupport http() {
        return new HttpClientSupport("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The access log in the shipped format: one line per request, with its id and the instances tried. */
    public List<String> accessLog() {
        return read("darkroom-access.log");
    }

    public List<String> errorLog() {
        return read("darkroom-error.log");
    }

    private List<String> read(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM to the master, nginx's fast shutdown: the workers end with it (a SIGKILL would orphan them). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("nginx did not stop within 10 s of SIGTERM");
        }
    }
}
