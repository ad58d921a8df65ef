package org.darkroom.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Browser callers from other origins ({@code darkroom.http.cors-origins}), answered by Vert.x's own CORS handler ahead
 * of every route, preflights included. Off unless origins are configured: without CORS headers a browser keeps other
 * sites' pages from reading Darkroom's answers. API keys still apply; the headers only let the browser show them.
 */
final class CorsPolicy {
    private static final Set<String> REQUEST_HEADERS = Set.of("Authorization", "Content-Type", "Accept",
            "If-None-Match", "X-Request-Id");
    // Without these a page's script could not read the record, the request id, the tag or when to retry.
    private static final Set<String> EXPOSED_HEADERS = Set.of(HttpDoor.RESULT_HEADER, "X-Request-Id", "ETag",
            "Retry-After");

    private CorsPolicy() {
    }

    static void install(CamelContext context, List<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            CorsHandler cors = CorsHandler.create().allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
                    .allowedHeaders(REQUEST_HEADERS).exposedHeaders(EXPOSED_HEADERS).maxAgeSeconds(600);
            if (!origins.contains("*")) {
                cors.addOrigins(origins);
            }
            router.route().order(Integer.MIN_VALUE).handler(cors);
        }
    }
}
