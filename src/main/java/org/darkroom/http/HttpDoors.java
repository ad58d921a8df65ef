package org.darkroom.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.darkroom.config.Settings;
import org.darkroom.door.Admission;
import org.darkroom.door.InboxOverview;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.intake.WorkArea;

/** Builds the HTTP door from {@code darkroom.http.*}, refusing unsafe settings. */
public final class HttpDoors {
    private HttpDoors() {
    }

    /**
     * {@code admission} is the service's one limit of work in progress, which the body gate applies first;
     * {@code inboxes} tells what the drop folders hold ({@link InboxOverview#NONE} when none are watched).
     */
    public static HttpDoor create(Settings settings, FlowCatalog catalog, long maxImageBytes, WorkArea workArea,
                                  Admission admission, DarkroomMetrics metrics, BooleanSupplier stopping,
                                  InboxOverview inboxes) {
        List<String> apiKeys = settings.list("darkroom.http.api-keys");
        List<String> metricsReaders = new ArrayList<>(apiKeys);
        metricsReaders.addAll(settings.list("darkroom.http.metrics-keys"));
        ApiKeys keys = new ApiKeys(apiKeys);
        HttpSettings http = new HttpSettings(settings.requiredText("darkroom.http.host"), keys,
                new ApiKeys(metricsReaders), settings.positiveInt("darkroom.http.retry-after-s"),
                new GetAccess(new SignedUrls(signingKeys(settings)), settings.flag("darkroom.http.unsigned-get"), keys),
                settings.positiveInt("darkroom.http.cache-max-age-s"), settings.list("darkroom.http.cors-origins"));
        http.validate();
        long bodyLimit = settings.bytes("camel.server.max-body-size");
        if (bodyLimit < maxImageBytes) {
            throw Settings.invalid("camel.server.max-body-size", "(" + bodyLimit + ") is below"
                    + " darkroom.limits.max-bytes (" + maxImageBytes + "); raise it to at least that");
        }
        BodyLimits limits = new BodyLimits(maxImageBytes, bodyLimit,
                settings.positiveLong("darkroom.http.body-idle-timeout-ms"));
        return new HttpDoor(catalog, http, new BodyGate(http, limits, workArea, metrics, admission,
                maxLargeBodies(settings, admission.limit()), stopping), inboxes);
    }

    private static List<String> signingKeys(Settings settings) {
        List<String> keys = settings.list("darkroom.http.signing-keys");
        for (String key : keys) {
            if (key.length() < 32) {
                throw Settings.invalid("darkroom.http.signing-keys", "holds a key of " + key.length()
                        + " characters; a signing key needs 32 or more (openssl rand -base64 32 makes one)");
            }
        }
        return keys;
    }

    /** Large bodies received at once: by default half the slots, so a flood of them leaves room for other work. */
    private static int maxLargeBodies(Settings settings, int maxInFlight) {
        int configured = settings.nonNegativeInt("darkroom.http.max-large-bodies");
        if (configured > maxInFlight) {
            throw Settings.invalid("darkroom.http.max-large-bodies", "(" + configured + ") is above"
                    + " darkroom.max-in-flight (" + maxInFlight + "); a body being received holds a place too");
        }
        return configured > 0 ? configured : Math.max(1, maxInFlight / 2);
    }
}
