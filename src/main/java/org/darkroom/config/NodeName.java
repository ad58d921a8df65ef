package org.darkroom.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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
            String host = hostName().replaceAll("[^A-Za-z0-9._:-]", "_");
            return host.substring(0, Math.min(host.length(), 40)) + "-" + ProcessHandle.current().pid();
        }
        if (!ACCEPTED.matcher(given).matches()) {
            throw Settings.invalid(KEY, "must be 1 to 64 letters, digits, dots, colons, dashes or underscores, not '"
                    + given + "'");
        }
        return given;
    }

    /** The kernel's host name where there is one: asking the resolver may wait on DNS. */
    private static String hostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            String name = Files.isReadable(kernel) ? Files.readString(kernel).strip()
                    : InetAddress.getLocalHost().getHostName();
            return name.isEmpty() ? "darkroom" : name;
        } catch (IOException e) {
            return "darkroom";
        }
    }
}
