package org.darkroom.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A started Camel context, real loopback servers and a scratch directory for each fetch test. */
abstract class FetchTestSupport {
    @TempDir
    Path work;
    DefaultCamelContext camel;
    final TestServers servers = new TestServers();

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        servers.close();
        camel.stop();
    }

    /** http allowed and loopback reachable: for tests of everything but the address check. */
    static FetchSettings loopback(long maxBytes) {
        return new FetchSettings(true, List.of(), List.of(), true, 3, Duration.ofSeconds(2),
                Duration.ofSeconds(2), maxBytes);
    }

    /** http allowed, non-public addresses refused. */
    static FetchSettings httpButPublicOnly() {
        return new FetchSettings(true, List.of(), List.of(), false, 3, Duration.ofSeconds(2),
                Duration.ofSeconds(2), 1 << 20);
    }

    UrlFetcher fetcher(FetchSettings settings, HostResolver resolver) {
        return new UrlFetcher(camel, settings, resolver);
    }

    Path target() {
        return work.resolve("fetched");
    }

    static String url(HttpServer server, String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The coded error {@code call} throws, having checked that it threw one with a clean public sentence. */
    static DarkroomException refusal(ThrowingCallable call) {
        DarkroomException e = catchThrowableOfType(call, DarkroomException.class);
        assertThat(e).as("expected a DarkroomException").isNotNull();
        assertThat(e.publicMessage()).doesNotContain("Exception").doesNotContain("/tmp").endsWith(".");
        return e;
    }

    static ErrorCode code(ThrowingCallable call) {
        return refusal(call).code();
    }

    static void respond(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        respond(exchange, status, new byte[0], null);
    }
}
