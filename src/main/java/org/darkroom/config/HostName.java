package org.darkroom.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name, as instances name themselves to each other (data directory owner, cluster node). */
public final class HostName {
    private HostName() {
    }

    /** The kernel's host name where there is one: asking the resolver may wait on DNS. */
    public static String get() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            return Files.isReadable(kernel) ? Files.readString(kernel).strip()
                    : InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
