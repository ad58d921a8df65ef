package org.darkroom.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.darkroom.Settings;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.intake.Intake;
import org.darkroom.intake.WorkArea;
import org.darkroom.intake.fetch.FetchSettings;
import org.darkroom.intake.fetch.HostResolver;
import org.darkroom.intake.fetch.UrlFetcher;

/** Builds the HTTP door from {@code darkroom.http.*} and {@code darkroom.fetch.*}, refusing unsafe settings. */
public final class HttpDoors {
    private HttpDoors() {
    }

    public static HttpDoor create(CamelContext context, Settings settings, FlowCatalog catalog, Intake intake,
                                  WorkArea workArea, DarkroomMetrics metrics, int workers, BooleanSupplier ready) {
        int maxInFlight = settings.nonNegativeInt("darkroom.http.max-in-flight");
        HttpSettings http = new HttpSettings(settings.requiredText("darkroom.http.host"),
                new ApiKeys(list(settings, "darkroom.http.api-keys")),
                maxInFlight > 0 ? maxInFlight : 4 * workers, settings.positiveInt("darkroom.http.retry-after-s"));
        http.validate();
        long bodyLimit = settings.bytes("camel.server.max-body-size");
        if (bodyLimit < intake.limits().maxBytes()) {
            throw Settings.invalid("camel.server.max-body-size", "(" + bodyLimit + ") is below"
                    + " darkroom.limits.max-bytes (" + intake.limits().maxBytes() + "); raise it to at least that");
        }
        FetchSettings fetch = new FetchSettings(Boolean.parseBoolean(settings.text("darkroom.fetch.allow-http")
                .orElse("false")), list(settings, "darkroom.fetch.allowed-hosts"),
                list(settings, "darkroom.fetch.denied-hosts"),
                Boolean.parseBoolean(settings.text("darkroom.fetch.allow-private-addresses").orElse("false")),
                settings.nonNegativeInt("darkroom.fetch.max-redirects"),
                Duration.ofMillis(settings.positiveLong("darkroom.fetch.connect-timeout-ms")),
                Duration.ofMillis(settings.positiveLong("darkroom.fetch.read-timeout-ms")),
                intake.limits().maxBytes()).withPrivateHostsAllowed(list(settings, "darkroom.fetch.private-hosts"));
        UrlFetcher fetcher = new UrlFetcher(context, fetch, HostResolver.SYSTEM);
        return new HttpDoor(catalog, intake, workArea, fetcher, http, metrics, ready);
    }

    private static List<String> list(Settings settings, String key) {
        return settings.text(key).map(value -> Arrays.stream(value.split(",")).map(String::trim)
                .filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }
}
