package org.darkroom.http;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Answers the errors Vert.x raises before a request reaches a route with the same problem JSON as the rest.
 *
 * <p>The body cap is enforced by Vert.x while it reads the body (so an oversized upload is never held in
 * memory); without this, its 413 would be a bare "Request Entity Too Large" with no stable code.
 */
public final class ServerErrors {
    private ServerErrors() {
    }

    /** Installs the handlers on the running server's router; call once the context has started. */
    public static void install(CamelContext context) {
        // The router is registered under a name that includes its port, so take every one there is.
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            install(router);
        }
    }

    private static void install(VertxPlatformHttpRouter router) {
        // A failure handler ahead of every route: Vert.x's body handler fails the request with 413 when the body
        // passes the cap, and this answers it before the default plain-text page.
        router.route().order(Integer.MIN_VALUE).failureHandler(routing -> {
            if (routing.statusCode() != 413) {
                routing.next();
                return;
            }
            DarkroomException error = new DarkroomException(ErrorCode.TOO_LARGE, "The request body is larger than"
                    + " the server accepts. Send a smaller file, or raise camel.server.max-body-size together with"
                    + " darkroom.limits.max-bytes.");
            routing.response().setStatusCode(413).putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .end(HttpDoor.json(Problems.body(error, routing.request().path())));
        });
    }
}
