package org.darkroom.cluster;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One JDBC connection to the cluster database, used by one caller at a time and reopened after it broke: the
 * database may restart under a running node, and the next call should simply work again.
 */
final class Link implements AutoCloseable {
    /** A statement run on the connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final ClusterDatabase database;
    private final Availability availability;
    private Connection connection;

    Link(ClusterDatabase database, Availability availability, Connection opened) {
        this.database = database;
        this.availability = availability;
        this.connection = opened;
    }

    /**
     * Runs {@code work}; a connection that turns out broken (the server restarted since its last use) is replaced
     * and the work tried once more on the new one. Throws when the database does not answer.
     */
    synchronized <T> T call(Work<T> work) throws SQLException {
        boolean fresh = connection == null;
        try {
            return timed(work);
        } catch (SQLException e) {
            boolean broken = connection == null || connection.isClosed() || isConnectionLoss(e);
            drop();
            if (fresh || !broken) {
                availability.failed(e);
                throw e;
            }
            try {
                return timed(work);
            } catch (SQLException again) {
                drop();
                availability.failed(again);
                throw again;
            }
        }
    }

    private <T> T timed(Work<T> work) throws SQLException {
        if (connection == null) {
            connection = database.connect();
        }
        long start = System.nanoTime();
        T result = work.run(connection);
        availability.answered(System.nanoTime() - start);
        return result;
    }

    /** Connection exceptions (08…) and the server shutting down or terminating the session (57P…). */
    private static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken; a new one is opened on the next call
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
