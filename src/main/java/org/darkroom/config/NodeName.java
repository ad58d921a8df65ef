package org.darkroom.config;

import java.util.regex.Pattern;

/**
 * The name of this Darkroom process in records and job log lines ({@code darkroom.node}): when several instances
 * share the work, it says which one did a job. By default the host name and the process id, which tells apart two
 * instances on one machine too.
 */
public final class NodeName {
    public static final String KEY = "darkroom.node";
    /** Safe in a log line, a header and JSON, like a request id. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private NodeName() {
    }

    public static String read(Settings settings) {
        String given = settings.text(KEY).orElse(null);
        if (given == null) {
            String host = HostName.get().replaceAll("[^A-Za-z0-9._:-]", "_");
            return host.substring(0, Math.min(host.length(), 40)) + "-" + ProcessHandle.current().pid();
        }
        if (!ACCEPTED.matcher(given).matches()) {
            throw Settings.invalid(KEY, "must be 1 to 64 letters, digits, dots, colons, dashes or underscores, not '"
                    + given + "'");
        }
        return given;
    }
}
