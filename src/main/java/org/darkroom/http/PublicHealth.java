package org.darkroom.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.darkroom.flow.Version;

/**
 * Health for load balancers, open to anyone: {@code UP} with 200 or {@code DOWN} with 503, and Darkroom's version
 * (so a rolling upgrade can be watched), nothing else.
 *
 * <p>Camel's own health endpoint answers {@code ?exposureLevel=full&data=true} (and {@code stackTrace=true}) with
 * every check's details, whoever asks: file endpoint URIs with the data paths, the ImageMagick binary, failure
 * messages. This answers the same three paths ahead of it, with the same checks and the same status rule, and
 * reads no query parameter; the details stay in the log and the JMX/console views inside the machine.
 */
final class PublicHealth {
    private static final String UP = "{\"status\":\"UP\",\"version\":\"" + Version.current() + "\"}";
    private static final String DOWN = "{\"status\":\"DOWN\",\"version\":\"" + Version.current() + "\"}";

    private PublicHealth() {
    }

    /** Installs ahead of Camel's health routes, on the management server's router, when health is served at all. */
    static void install(CamelContext context) {
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management == null || !management.isHealthCheckEnabled() || management.getRouter() == null) {
            return;
        }
        Router router = management.getRouter();
        String path = management.getHealthPath();
        answer(router, path, () -> HealthCheckHelper.invoke(context), false);
        answer(router, path + "/live", () -> HealthCheckHelper.invokeLiveness(context), false);
        answer(router, path + "/ready", () -> HealthCheckHelper.invokeReadiness(context), true);
    }

    private static void answer(Router router, String path, Supplier<Collection<HealthCheck.Result>> checks,
                               boolean readiness) {
        // Blocking: a check may run ImageMagick (the periodic re-check), which must not stall the event loop.
        router.get(path).order(Integer.MIN_VALUE).blockingHandler((RoutingContext routing) -> {
            boolean up = HealthCheckHelper.isResultsUp(checks.get(), readiness);
            routing.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(up ? UP : DOWN);
        });
    }
}
