package org.darkroom.cluster;

/** The part of a JDBC URL that is safe to show: host, port and database, never its query (which may hold a password). */
final class DatabaseAddress {
    private DatabaseAddress() {
    }

    /** {@code jdbc:postgresql://db:5432/darkroom?password=x} → {@code db:5432/darkroom}. */
    static String of(String jdbcUrl) {
        String rest = jdbcUrl.replaceFirst("^jdbc:postgresql:", "");
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        rest = rest.replaceFirst("^//", "");
        int credentials = rest.lastIndexOf('@');
        return credentials >= 0 ? rest.substring(credentials + 1) : rest;
    }
}
