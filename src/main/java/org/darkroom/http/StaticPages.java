package org.darkroom.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page at {@code /} (its files under {@code /page/}) and Swagger UI at {@code /docs/}, answered by the server
 * itself, to anyone: they are static files that hold no data, and every call they make for data sends the API key
 * like any other client.
 *
 * <p>Swagger UI's files come from its webjar; Darkroom's own {@code index.html} and {@code swagger-initializer.js}
 * stand in front of the webjar's, which would show the petstore. Every answer carries a Content-Security-Policy
 * (scripts from this server only, no inline script) and {@code nosniff}, so a file is only ever what its type says.
 */
final class StaticPages {
    private static final Logger LOG = LoggerFactory.getLogger(StaticPages.class);
    /**
     * Everything from this server only; no inline script or style. Images may also be blob: URLs (the page shows the
     * picked file and the result from memory) and data: URLs (Swagger UI's icons, in its stylesheet).
     */
    static final String POLICY = "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    private static final StaticFiles PAGE = new StaticFiles(List.of("static/page"));
    private static final StaticFiles DOCS = new StaticFiles(List.of("static/docs",
            "META-INF/resources/webjars/swagger-ui/" + Version.ofLibrary("org.webjars", "swagger-ui")));

    private StaticPages() {
    }

    static void install(Router router) {
        router.get("/").handler(routing -> answer(routing, PAGE, "index.html"));
        router.get("/page/:file").handler(routing -> answer(routing, PAGE, routing.pathParam("file")));
        router.get("/docs").handler(StaticPages::docsIndex);
        router.get("/docs/:file").handler(routing -> answer(routing, DOCS, routing.pathParam("file")));
    }

    /** Swagger UI's files are named relative to the index, so it is served at {@code /docs/} only. */
    private static void docsIndex(RoutingContext routing) {
        if (routing.request().path().endsWith("/")) {
            answer(routing, DOCS, "index.html");
        } else {
            routing.response().setStatusCode(301).putHeader("Location", "docs/").end();
        }
    }

    private static void answer(RoutingContext routing, StaticFiles files, String name) {
        // The first read of a file is from a jar: off the event loop. Later ones are from memory.
        routing.vertx().executeBlocking(() -> files.find(name), false).onComplete(found -> {
            if (found.failed()) {
                LOG.warn("Could not serve {}", name, found.cause());
                ProblemResponses.send(routing, new DarkroomException(ErrorCode.INTERNAL));
                return;
            }
            if (found.result().isEmpty()) {
                ProblemResponses.send(routing, new DarkroomException(ErrorCode.NOT_FOUND));
                return;
            }
            StaticFiles.StaticFile file = found.result().get();
            var response = routing.response().putHeader("Content-Security-Policy", POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-cache").putHeader("ETag", file.etag());
            if (EntityTags.matches(routing.request().getHeader("If-None-Match"), file.etag())) {
                response.setStatusCode(304).end();
                return;
            }
            response.putHeader("Content-Type", file.contentType()).end(Buffer.buffer(file.bytes()));
        });
    }
}
