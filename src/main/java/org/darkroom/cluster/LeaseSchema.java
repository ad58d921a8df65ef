package org.darkroom.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The lease table: created on first start when absent, or described to the operator who must create it. */
final class LeaseSchema {
    static final String CREATE = "CREATE TABLE IF NOT EXISTS darkroom_lease (processor text NOT NULL, "
            + "key text NOT NULL, owner text NOT NULL, renewed timestamptz NOT NULL, PRIMARY KEY (processor, key))";
    /** Rows this old belong to no live node (leases are renewed every few seconds); they only take room. */
    private static final String PURGE = "DELETE FROM darkroom_lease WHERE renewed < now() - interval '1 day'";

    private LeaseSchema() {
    }

    /** Creates the table when absent and purges rows of long-dead nodes. */
    static void prepare(Connection connection, ClusterDatabase database, String username) {
        try (Statement statement = connection.createStatement()) {
            // Looked up first: CREATE … IF NOT EXISTS still needs the CREATE right, which a user given only the
            // table's rights lacks.
            boolean exists;
            try (ResultSet found = statement.executeQuery("SELECT to_regclass('darkroom_lease') IS NOT NULL")) {
                exists = found.next() && found.getBoolean(1);
            }
            if (!exists) {
                statement.execute(CREATE);
            }
            statement.execute(PURGE);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                String grantee = username.isEmpty() ? "<darkroom's user>" : username;
                throw new ClusterRefusal("The cluster database user" + (username.isEmpty() ? "" : " '" + username
                        + "'") + " may not create Darkroom's lease table in " + database.address()
                        + "; have the database owner run: " + CREATE + "; GRANT SELECT, INSERT, UPDATE, DELETE ON "
                        + "darkroom_lease TO " + grantee + ";");
            }
            throw database.refusal(e);
        }
    }
}
