package org.darkroom.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * The router's last route: a request no other route took gets a problem, {@code 405 method_not_allowed} with the
 * methods the path takes in {@code Allow}, or {@code 404 not_found}.
 *
 * <p>Vert.x's own answers are an HTML page and, behind Camel's sub-router, a 405 with an empty {@code Allow}
 * (the allowed methods are gathered in the sub-router's context and not handed to the one that answers).
 */
final class UnmatchedRequests {
    private UnmatchedRequests() {
    }

    static void install(Router router) {
        router.route().order(Integer.MAX_VALUE).handler(routing -> answer(router, routing));
    }

    private static void answer(Router router, RoutingContext routing) {
        Set<String> allowed = allowedMethods(router, routing.normalizedPath());
        if (allowed.isEmpty()) {
            ProblemResponses.send(routing, new DarkroomException(ErrorCode.NOT_FOUND));
            return;
        }
        String list = String.join(", ", allowed);
        routing.response().putHeader("Allow", list);
        ProblemResponses.send(routing, new DarkroomException(ErrorCode.METHOD_NOT_ALLOWED,
                "This path takes " + list + " only."));
    }

    /** The methods of every endpoint route whose path (exact, or with {@code :name} segments) matches. */
    static Set<String> allowedMethods(Router router, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            Set<HttpMethod> methods = route.methods();
            // Routes without methods are handlers for every request (guards, body readers), not endpoints.
            if (methods != null && !methods.isEmpty() && route.getPath() != null && matches(route.getPath(), path)) {
                methods.forEach(method -> allowed.add(method.name()));
            }
        }
        return allowed;
    }

    private static boolean matches(String template, String path) {
        String[] expected = trimSlash(template).split("/", -1);
        String[] actual = trimSlash(path).split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean parameter = expected[i].startsWith(":") && !actual[i].isEmpty();
            if (!parameter && !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    /** Vert.x serves {@code /a} at {@code /a/} too. */
    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
