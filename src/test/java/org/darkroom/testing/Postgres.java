package org.darkroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The throwaway PostgreSQL of this test JVM, started by {@code tools/postgres.sh} under {@code target/} on first
 * use and stopped (its directory deleted) when the JVM exits. Each test class asks for its own database, so tests
 * never see each other's rows. When it cannot start, the test fails with the script's reason: nothing is skipped.
 */
public final class Postgres {
    private static final String SUPERUSER = "postgres";
    private static Postgres instance;

    private final Path dir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    /** A database of its own, owned by a role that signs in with a password, as a production one would. */
    public record Database(String url, String user, String password, String name) {
    }

    private Postgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The server, started on first use. */
    public static synchronized Postgres get() {
        if (instance == null) {
            stopLeftovers();
            Path dir = Samples.projectDir().resolve("target/postgres-" + ProcessHandle.current().pid());
            String port = script("start", dir.toString()).strip();
            instance = new Postgres(dir, Integer.parseInt(port));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> script("stop", dir.toString())));
        }
        return instance;
    }

    /** Servers of test JVMs that were killed before their shutdown hook could run: stopped, their files deleted. */
    private static void stopLeftovers() {
        Path target = Samples.projectDir().resolve("target");
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(target)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (name.matches("postgres-[0-9]+")
                        && ProcessHandle.of(Long.parseLong(name.substring("postgres-".length())))
                                .filter(ProcessHandle::isAlive).isEmpty()) {
                    script("stop", dir.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A fresh database named after {@code purpose} and a role of the same name owning it. */
    public Database newDatabase(String purpose) {
        String name = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_" + databases.incrementAndGet();
        String password = "pw-" + Long.toHexString(System.nanoTime());
        asSuperuser(SUPERUSER, "CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'",
                "CREATE DATABASE " + name + " OWNER " + name);
        return new Database(url(name), name, password, name);
    }

    /** Another role that may sign in to {@code database} but owns nothing there, so may create nothing. */
    public Database guestOf(Database database) {
        String name = database.name() + "_guest";
        String password = "pw-" + Long.toHexString(System.nanoTime());
        asSuperuser(SUPERUSER, "CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
        return new Database(database.url(), name, password, database.name());
    }

    /** Runs statements in {@code database} as the superuser (no password: it signs in by trust). */
    public void asSuperuser(String database, String... statements) {
        try (Connection connection = DriverManager.getConnection(url(database), SUPERUSER, "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL refused " + List.of(statements) + ": " + e.getMessage(), e);
        }
    }

    /** {@code pg_ctl restart}: every open connection breaks, the data stays. */
    public void restart() {
        script("restart", dir.toString());
    }

    /** Stops the server, keeps it down for {@code down} (whole seconds), and starts it again on the same port. */
    public void restart(Duration down) {
        script("restart", dir.toString(), String.valueOf(Math.max(1, down.toSeconds())));
    }

    /**
     * Another role with the owner's rights in {@code database}, for a second node that can be cut off from the
     * database on its own ({@link #cutOff}) while the others still reach it.
     */
    public Database colleagueOf(Database database, String who) {
        String name = database.name() + "_" + who;
        String password = "pw-" + Long.toHexString(System.nanoTime());
        asSuperuser(SUPERUSER, "CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "' IN ROLE "
                + database.user());
        return new Database(database.url(), name, password, database.name());
    }

    /** The role may not sign in any more, and its open connections are closed: a network cut, for that role. */
    public void cutOff(Database role) {
        asSuperuser(SUPERUSER, "ALTER ROLE " + role.user() + " NOLOGIN",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role.user() + "'");
    }

    /** Undoes {@link #cutOff}. */
    public void reconnect(Database role) {
        asSuperuser(SUPERUSER, "ALTER ROLE " + role.user() + " LOGIN");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static String script(String... args) {
        Path script = Samples.projectDir().resolve("tools/postgres.sh");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        try {
            Process process = builder.start();
            // Read both streams before waiting, so a chatty failure cannot block on a full pipe.
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("tools/postgres.sh " + String.join(" ", args) + " failed: "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
