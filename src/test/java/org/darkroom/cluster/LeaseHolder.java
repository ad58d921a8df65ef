package org.darkroom.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A node in its own JVM for {@link LeaseTakeoverTest}: takes leases on the given files, says so on stdout, and
 * renews them until it is killed. Arguments: JDBC URL, user, lease in ms, inbox, files; the password comes in
 * {@code DARKROOM_CLUSTER_PASSWORD} so it is not on the command line.
 */
public final class LeaseHolder {
    static final String READY = "holding";

    private LeaseHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        ClusterSettings settings = new ClusterSettings(args[0], args[1], System.getenv("DARKROOM_CLUSTER_PASSWORD"),
                Duration.ofMillis(Long.parseLong(args[2])), "holder");
        LeaseStore store = LeaseStore.open(settings);
        int held = 0;
        for (int i = 4; i < args.length; i++) {
            held += store.repository(args[3]).add(args[i]) ? 1 : 0;
        }
        System.out.println(READY + " " + held);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
