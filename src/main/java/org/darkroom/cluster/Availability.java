package org.darkroom.cluster;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the cluster database answered the last statement, and how fast: logged once when it stops answering and
 * once when it is back, never per failed statement.
 */
final class Availability {
    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);

    private final String address;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicLong lastRoundTripNanos = new AtomicLong();

    Availability(String address) {
        this.address = address;
    }

    void answered(long nanos) {
        lastRoundTripNanos.set(nanos);
        if (up.compareAndSet(false, true)) {
            LOG.info("The cluster database at {} answers again; drop folders take new files.", address);
        }
    }

    void failed(SQLException e) {
        if (up.compareAndSet(true, false)) {
            // The SQL state only: driver messages may quote statements or server details the log need not carry.
            LOG.warn("The cluster database at {} does not answer (SQL state {}); drop folders take no new files "
                    + "until it does.", address, e.getSQLState());
        }
    }

    long lastRoundTripNanos() {
        return lastRoundTripNanos.get();
    }
}
