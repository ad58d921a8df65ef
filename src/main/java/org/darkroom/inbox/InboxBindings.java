package org.darkroom.inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.darkroom.config.SettingException;
import org.darkroom.config.Settings;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.FlowCatalog;

/**
 * Reads inbox bindings from settings: {@code darkroom.inbox.<name>.flow=<flow>} plus
 * {@code darkroom.inbox.<name>.<parameter>=<value>} for each fixed parameter.
 *
 * <p>An empty {@code flow} switches a default inbox off. Parameters are validated against the flow's declaration
 * here, at start-up, so a typo stops the boot instead of failing every file later.
 */
public final class InboxBindings {
    public static final String PREFIX = "darkroom.inbox.";
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "([a-z0-9][a-z0-9_-]{0,63})\\.([a-z_]+)");

    private InboxBindings() {
    }

    /** The inboxes configured under {@link #PREFIX}; a wrong inbox parameter is a wrong setting, and stops the boot. */
    public static List<InboxBinding> read(Settings settings, FlowCatalog catalog) {
        try {
            return read(keys(settings.withPrefix(PREFIX), System.getProperties()),
                    key -> settings.text(key).orElse(""), catalog);
        } catch (SettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SettingException(e.getMessage(), e);
        }
    }

    /**
     * @param keys    every key under {@link #PREFIX}
     * @param resolve the effective value of a key (environment and system properties may override the files)
     */
    public static List<InboxBinding> read(Iterable<String> keys, Function<String, String> resolve, FlowCatalog catalog) {
        Map<String, Map<String, String>> byInbox = new TreeMap<>();
        for (String key : keys) {
            Matcher matcher = KEY.matcher(key);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Setting " + key + " is not of the form " + PREFIX
                        + "<inbox>.<flow|parameter>, with inbox names in lower case.");
            }
            byInbox.computeIfAbsent(matcher.group(1), k -> new LinkedHashMap<>())
                    .put(matcher.group(2), resolve.apply(key));
        }
        List<InboxBinding> bindings = new ArrayList<>();
        byInbox.forEach((name, settings) -> {
            String flow = settings.remove("flow");
            if (flow == null || flow.isBlank()) {
                return;
            }
            try {
                var spec = catalog.get(flow.trim());
                bindings.add(new InboxBinding(name, spec, spec.params().parse(settings)));
            } catch (DarkroomException e) {
                throw new IllegalArgumentException("Inbox '" + name + "': " + e.publicMessage(), e);
            }
        });
        return bindings;
    }

    public static List<String> keys(Properties... sources) {
        List<String> keys = new ArrayList<>();
        for (Properties source : sources) {
            for (String key : source.stringPropertyNames()) {
                if (key.startsWith(PREFIX) && !keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
