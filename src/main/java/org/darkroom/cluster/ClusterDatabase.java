package org.darkroom.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to the cluster database and turns a failure to open one into a sentence for the operator. */
final class ClusterDatabase {
    private static final int CONNECT_TIMEOUT_S = 2;

    private final ClusterSettings settings;
    private final Properties properties = new Properties();

    ClusterDatabase(ClusterSettings settings) {
        this.settings = settings;
        if (!settings.username().isEmpty()) {
            properties.setProperty("user", settings.username());
        }
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_S * 2));
        // A statement unanswered for a whole lease is of no use any more: the lease is gone by then.
        properties.setProperty("socketTimeout", String.valueOf(Math.max(2, settings.lease().toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "darkroom " + settings.node());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    /** Where the database is, as the operator may read it. */
    String address() {
        return DatabaseAddress.of(settings.jdbcUrl());
    }

    /** The sentence for a connection that could not be opened. */
    ClusterRefusal refusal(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = settings.username().isEmpty() ? "" : " as '" + settings.username() + "'";
        if (state.startsWith("28") || state.equals("08004")) {
            return new ClusterRefusal("Darkroom could not sign in to the cluster database at " + address() + user
                    + ": the user name or password is wrong (" + ClusterSettings.USERNAME + ", "
                    + ClusterSettings.PASSWORD + ").");
        }
        if (state.equals("3D000")) {
            return new ClusterRefusal("The cluster database " + address() + " does not exist: create it, or "
                    + "correct " + ClusterSettings.JDBC_URL + ".");
        }
        if (state.startsWith("08")) {
            return new ClusterRefusal("Darkroom could not reach the cluster database at " + address() + " ("
                    + ClusterSettings.JDBC_URL + "): check that PostgreSQL runs there and accepts connections "
                    + "from this machine.");
        }
        return new ClusterRefusal("The cluster database at " + address() + " refused Darkroom (SQL state "
                + (state.isEmpty() ? "unknown" : state) + "); its server log says why.");
    }
}
