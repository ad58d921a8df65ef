package org.darkroom.http;

import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.prometheus.MicrometerPrometheus;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Puts the Prometheus metrics behind a key once keys are configured: an API key, or a metrics key that opens
 * nothing else (what a scraper holds). Without any key the server is loopback-only and the metrics stay open.
 *
 * <p>Metrics name every route, flow and error count; on a server others can reach that is for its operators.
 */
final class MetricsGuard {
    private MetricsGuard() {
    }

    /** Installs ahead of the metrics route, on the management server's router, when keys and metrics are on. */
    static void install(CamelContext context) {
        HttpDoor door = context.getRegistry().findSingleByType(HttpDoor.class);
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        MicrometerPrometheus prometheus = context.hasService(MicrometerPrometheus.class);
        if (door == null || !door.settings().metricsReaders().required() || management == null
                || management.getRouter() == null || prometheus == null) {
            return;
        }
        ApiKeys readers = door.settings().metricsReaders();
        management.getRouter().route(prometheus.getPath()).order(Integer.MIN_VALUE).handler(routing -> {
            if (readers.admits(routing.request().getHeader("Authorization"))) {
                routing.next();
                return;
            }
            ProblemResponses.send(routing, new DarkroomException(ErrorCode.UNAUTHORIZED, "The metrics need a key. Send an"
                    + " API key or a metrics key (darkroom.http.metrics-keys) as 'Authorization: Bearer <key>'."));
        });
    }
}
