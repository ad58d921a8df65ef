package org.darkroom.http;

import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Answers the errors Vert.x raises before a request reaches a route with the same problem JSON as the rest, and
 * keeps it from raising one for a mislabelled image.
 *
 * <p>The body cap is enforced by Vert.x while it reads the body (so an oversized upload is never held in
 * memory); without this, its 413 would be a bare "Request Entity Too Large" with no stable code.
 *
 * <p>{@code curl --data-binary @photo.jpg URL} labels the image {@code application/x-www-form-urlencoded}, and
 * Vert.x would try to decode the bytes as form fields and answer a bare 400. A flow's body is never a form, so
 * that label is read as "unlabelled bytes", which intake then types by their content like any other.
 *
 * <p>It also installs the server's other own handlers: {@link PublicHealth}, {@link MetricsGuard},
 * {@link StaticPages} and, last on every router, {@link UnmatchedRequests}.
 */
public final class ServerErrors {
    private static final String FORM = "application/x-www-form-urlencoded";

    private ServerErrors() {
    }

    /** Installs the handlers on the running server's router; call once the context has started. */
    public static void install(CamelContext context) {
        // The router is registered under a name that includes its port, so take every one there is.
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            install(router);
            StaticPages.install(router);
            UnmatchedRequests.install(router);
        }
        PublicHealth.install(context);
        MetricsGuard.install(context);
    }

    private static void install(VertxPlatformHttpRouter router) {
        router.route("/v1/flows/*").order(Integer.MIN_VALUE).handler(routing -> {
            String type = routing.request().getHeader("Content-Type");
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                routing.request().headers().set("Content-Type", "application/octet-stream");
            }
            routing.next();
        });
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
            ProblemResponses.send(routing, error);
        });
    }
}
