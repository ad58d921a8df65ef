package org.darkroom.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.darkroom.config.Settings;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.intake.Intake;
import org.darkroom.intake.WorkArea;
import org.darkroom.fetch.UrlFetcher;

/** Builds the HTTP door from {@code darkroom.http.*}, refusing unsafe settings. */
public final class HttpDoors {
    private HttpDoors() {
    }

    public static HttpDoor create(Settings settings, FlowCatalog catalog, Intake intake, WorkArea workArea,
                                  UrlFetcher fetcher, DarkroomMetrics metrics, int workers, BooleanSupplier ready,
                                  BooleanSupplier stopping) {
        int maxInFlight = settings.nonNegativeInt("darkroom.http.max-in-flight");
        List<String> apiKeys = settings.list("darkroom.http.api-keys");
        List<String> metricsReaders = new ArrayList<>(apiKeys);
        metricsReaders.addAll(settings.list("darkroom.http.metrics-keys"));
        HttpSettings http = new HttpSettings(settings.requiredText("darkroom.http.host"), new ApiKeys(apiKeys),
                new ApiKeys(metricsReaders),
                maxInFlight > 0 ? maxInFlight : 4 * workers, settings.positiveInt("darkroom.http.retry-after-s"));
        http.validate();
        long bodyLimit = settings.bytes("camel.server.max-body-size");
        if (bodyLimit < intake.limits().maxBytes()) {
            throw Settings.invalid("camel.server.max-body-size", "(" + bodyLimit + ") is below"
                    + " darkroom.limits.max-bytes (" + intake.limits().maxBytes() + "); raise it to at least that");
        }
        BodyLimits limits = new BodyLimits(intake.limits().maxBytes(), bodyLimit,
                settings.positiveLong("darkroom.http.body-idle-timeout-ms"));
        return new HttpDoor(catalog, intake, workArea, fetcher, http, metrics, ready,
                new BodyGate(http, limits, workArea, metrics, maxLargeBodies(settings, http.maxInFlight()), stopping));
    }

    /** Large bodies received at once: by default half the slots, so a flood of them leaves room for other work. */
    private static int maxLargeBodies(Settings settings, int maxInFlight) {
        int configured = settings.nonNegativeInt("darkroom.http.max-large-bodies");
        if (configured > maxInFlight) {
            throw Settings.invalid("darkroom.http.max-large-bodies", "(" + configured + ") is above"
                    + " darkroom.http.max-in-flight (" + maxInFlight + "); a body being received holds a slot too");
        }
        return configured > 0 ? configured : Math.max(1, maxInFlight / 2);
    }
}
