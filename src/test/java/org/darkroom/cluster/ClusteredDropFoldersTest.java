package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Postgres;
import org.darkroom.testing.TracedMagick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two or three cluster nodes, separate processes on one shared data directory, work through one inbox of 60 images;
 * one is killed with SIGKILL while it holds leases, at a different moment in each run. Every input must end archived
 * exactly once with its one output pair, none may be worked on by both nodes at the same time (ImageMagick's own
 * start and end, traced per input), and the killed node's files must be taken over within a lease and a poll.
 */
class ClusteredDropFoldersTest {
    private static final int FILES = 60;
    private static final Duration LEASE = Duration.ofMillis(3000);
    private static final String INBOX = "thumbnail";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} nodes, one killed after {1} files are done")
    @CsvSource({"2, 2", "2, 12", "2, 25", "2, 32", "2, 40", "3, 20"})
    void a_node_killed_mid_batch_loses_nothing_and_shares_nothing(int nodes, int doneBeforeKill) throws Exception {
        Postgres.Database database = Postgres.get().newDatabase("drop_" + nodes + "_" + doneBeforeKill);
        Path data = dir.resolve("data");
        TracedMagick magick = TracedMagick.in(dir);
        ChildDarkroom first = node(data, database, magick, "node-a");
        List<ChildDarkroom> survivors = new ArrayList<>();
        for (int i = 1; i < nodes; i++) {
            survivors.add(node(data, database, magick, "node-" + (char) ('a' + i)));
        }
        try {
            List<String> names = dropImages(new DataDir(data));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                    magick.runs(Map.of()).stream().filter(run -> run.endNanos() != Long.MAX_VALUE).count()
                            >= doneBeforeKill && holdsWork(magick, first));
            long killedAt = System.currentTimeMillis() * 1_000_000L;
            first.kill();
            String killedDir = workDirOf(magick, first);

            DataDir files = new DataDir(data);
            awaitAllAccounted(files, Duration.ofSeconds(90), survivors);
            // Let a late double take show itself before counting.
            Thread.sleep(LEASE.toMillis());

            assertThat(DataDir.inputs(files.archive(INBOX))).containsExactlyInAnyOrderElementsOf(names);
            assertThat(DataDir.inputs(files.failed(INBOX))).isEmpty();
            assertThat(DataDir.inputs(files.inbox(INBOX))).isEmpty();
            Set<String> outbox = Set.copyOf(DataDir.names(files.outbox(INBOX)));
            for (String name : names) {
                assertThat(outbox).contains(name + ".png", name + ".json");
            }
            assertThat(outbox).hasSize(2 * FILES);

            Map<String, Long> killed = Map.of(killedDir, killedAt);
            assertThat(magick.concurrentRuns(killed)).as("inputs worked on by two nodes at once").isEmpty();
            List<TracedMagick.Run> runs = magick.runs(killed);
            Set<String> cutShort = runs.stream().filter(run -> run.node().equals(killedDir)
                    && run.endNanos() == killedAt).map(TracedMagick.Run::input).collect(Collectors.toSet());
            assertThat(cutShort).as("the node was killed while it held work").isNotEmpty();
            assertThat(cutShort).as("each file the killed node held was done again by the other")
                    .allMatch(input -> runs.stream().anyMatch(run -> run.input().equals(input)
                            && !run.node().equals(killedDir)));
            List<Duration> takeovers = survivors.stream()
                    .flatMap(survivor -> takeovers(survivor, killedAt / 1_000_000).stream()).toList();
            assertThat(takeovers).as("leases the surviving node took over").isNotEmpty();
            // Never before the lease ran out: the killed node renewed at most one renewal period (a fifth of the
            // lease) before it died. The first one a lease and a poll after, unless every thread of the survivor is
            // busy with its own files, which delays its next poll (a full queue makes the poller work a file itself).
            Duration renewal = LEASE.dividedBy(5);
            assertThat(takeovers).allSatisfy(delay -> assertThat(delay).isGreaterThanOrEqualTo(LEASE.minus(renewal)));
            Duration soonest = takeovers.stream().min(Duration::compareTo).orElseThrow();
            System.out.printf("take-over: first lease %d ms after the kill (lease %d ms), %d leases taken over%n",
                    soonest.toMillis(), LEASE.toMillis(), takeovers.size());
            assertThat(soonest).isLessThan(LEASE.plusSeconds(10));
        } finally {
            if (first.isAlive()) {
                first.kill();
            }
            for (ChildDarkroom survivor : survivors) {
                survivor.stop();
            }
        }
    }

    @Test
    void the_database_restarted_mid_batch_loses_nothing_and_the_batch_completes() throws Exception {
        databaseOutageMidBatch("restart", TracedMagick.in(dir), () -> Postgres.get().restart());
    }

    @Test
    void the_database_down_for_longer_than_a_lease_loses_nothing_and_shares_nothing() throws Exception {
        // No node can renew meanwhile, and both go on working (slow jobs: each still holds queued files when the
        // database is back): the leases' age must count again from the server's start, or each node would take
        // over files the other is still working on. A job that ends during the outage cannot prove its lease and
        // is left for later: taken over then, but not shared.
        databaseOutageMidBatch("down", TracedMagick.in(dir, "1"), () -> Postgres.get().restart(LEASE.plusSeconds(1)));
    }

    /** Two nodes work through the batch, the database goes away once 10 are done, and every file is done once. */
    private void databaseOutageMidBatch(String purpose, TracedMagick magick, Runnable outage) throws Exception {
        Postgres.Database database = Postgres.get().newDatabase(purpose);
        Path data = dir.resolve("data");
        ChildDarkroom first = node(data, database, magick, "node-a");
        ChildDarkroom second = node(data, database, magick, "node-b");
        try {
            List<String> names = dropImages(new DataDir(data));
            DataDir files = new DataDir(data);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    DataDir.inputs(files.archive(INBOX)).size() >= 10);

            outage.run();

            awaitAllAccounted(files, Duration.ofSeconds(120), List.of(first, second));
            assertThat(DataDir.inputs(files.archive(INBOX))).containsExactlyInAnyOrderElementsOf(names);
            assertThat(DataDir.inputs(files.failed(INBOX))).isEmpty();
            assertThat(magick.concurrentRuns(Map.of())).as("inputs worked on by two nodes at once").isEmpty();
            assertDoneOnce(names, List.of(first, second));
        } finally {
            first.stop();
            second.stop();
        }
    }

    /**
     * One node loses the database for longer than a lease while the other keeps it: the other takes the cut-off
     * node's files over, and the cut-off node, which may still be working on them, commits none of them.
     */
    @Test
    void a_node_cut_off_from_the_database_commits_nothing_another_node_took_over() throws Exception {
        Postgres postgres = Postgres.get();
        Postgres.Database database = postgres.newDatabase("cut");
        Postgres.Database secondRole = postgres.colleagueOf(database, "b");
        Path data = dir.resolve("data");
        TracedMagick magick = TracedMagick.in(dir);
        ChildDarkroom first = node(data, database, magick, "node-a");
        ChildDarkroom second = node(data, secondRole, magick, "node-b");
        try {
            List<String> names = dropImages(new DataDir(data));
            DataDir files = new DataDir(data);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                    DataDir.inputs(files.archive(INBOX)).size() >= 10 && holdsWork(magick, second));

            postgres.cutOff(secondRole);
            Thread.sleep(LEASE.multipliedBy(2).toMillis());
            postgres.reconnect(secondRole);

            awaitAllAccounted(files, Duration.ofSeconds(120), List.of(first, second));
            Thread.sleep(LEASE.toMillis());
            assertThat(DataDir.inputs(files.archive(INBOX))).containsExactlyInAnyOrderElementsOf(names);
            assertThat(DataDir.inputs(files.failed(INBOX))).isEmpty();
            assertThat(DataDir.names(files.outbox(INBOX))).hasSize(2 * FILES);
            // Whether the cut-off node still held files the other could take over depends on how far it got before
            // the cut; the store-level order of events is LeaseOutageTest's. Here: nothing lost, nothing twice.
            assertDoneOnce(names, List.of(first, second));
        } finally {
            postgres.reconnect(secondRole);
            first.stop();
            second.stop();
        }
    }

    /** Each input was done, by one node, once: the job lines of all nodes together say so. */
    private static void assertDoneOnce(List<String> names, List<ChildDarkroom> nodes) {
        List<String> done = nodes.stream().flatMap(node -> node.logText().lines())
                .filter(line -> line.contains(" outcome=done ")).map(line -> line.replaceAll(".* name=" + INBOX
                        + "/(\\S+).*", "$1")).toList();
        assertThat(done).as("inputs done, one line each").containsExactlyInAnyOrderElementsOf(names);
    }

    /**
     * Waits until every input is in archive/ or failed/; when that does not happen, says which files were left and
     * how each node's log ends, so a failure on a machine no one can log into explains itself.
     */
    private static void awaitAllAccounted(DataDir files, Duration atMost, List<ChildDarkroom> nodes) throws Exception {
        try {
            Awaitility.await().atMost(atMost).until(() -> DataDir.inputs(files.archive(INBOX)).size()
                    + DataDir.inputs(files.failed(INBOX)).size() >= FILES);
        } catch (ConditionTimeoutException e) {
            StringBuilder diagnosis = new StringBuilder("Not every file was accounted for within " + atMost
                    + "; still in the inbox: " + DataDir.names(files.inbox(INBOX)));
            for (ChildDarkroom node : nodes) {
                List<String> lines = node.logText().lines().toList();
                diagnosis.append("\n--- the last lines of node ").append(node.pid()).append("'s log:\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            throw new AssertionError(diagnosis.toString(), e);
        }
    }

    /** How long after the kill the survivor took over each lease, from its log's "Took over the lease" lines. */
    private static List<Duration> takeovers(ChildDarkroom survivor, long killedAtMillis) {
        return survivor.logText().lines().filter(line -> line.contains("Took over the lease of " + INBOX + "/"))
                .map(line -> LocalDateTime.parse(line.substring(0, 23)).atZone(ZoneId.systemDefault()).toInstant())
                .map(at -> Duration.ofMillis(at.toEpochMilli() - killedAtMillis)).toList();
    }

    private ChildDarkroom node(Path data, Postgres.Database database, TracedMagick magick, String name) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("darkroom.doors", "inbox");
        settings.put("darkroom.cluster.jdbc-url", database.url());
        settings.put("darkroom.cluster.username", database.user());
        settings.put("darkroom.cluster.password", database.password());
        settings.put("darkroom.cluster.lease-ms", String.valueOf(LEASE.toMillis()));
        settings.put("darkroom.node", name);
        // As SCALING.md advises for cluster nodes: one file per ImageMagick process, so a node leases at most
        // 6 × workers + 1 = 13 files ahead rather than 34, and every node still holds work when the first is killed
        // (with 34, a node could lease most of the 60 files at once and leave another with nothing). The traced
        // ImageMagick has no mogrify beside it, so no process is shared either way.
        settings.put("darkroom.drop.batch.max-files", "1");
        settings.put("darkroom.magick.binary", magick.binary().toString());
        return ChildDarkroom.start(data, dir.resolve(name + ".log"), settings);
    }

    /** Distinct images (each its own colour, so its own SHA-256), delivered the safe way: written, then renamed. */
    private static List<String> dropImages(DataDir data) throws Exception {
        List<String> names = new ArrayList<>();
        Path inbox = data.inbox(INBOX);
        for (int i = 0; i < FILES; i++) {
            BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
            var graphics = image.createGraphics();
            graphics.setColor(new Color(i * 4, 255 - i * 4, (i * 37) % 256));
            graphics.fillRect(0, 0, 96, 64);
            graphics.dispose();
            String name = String.format("img-%02d.png", i);
            Path part = inbox.resolve(name + ".part");
            ImageIO.write(image, "png", part.toFile());
            Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            names.add(name);
        }
        return names;
    }

    /** Whether {@code node} has a job whose ImageMagick run has started and not ended. */
    private static boolean holdsWork(TracedMagick magick, ChildDarkroom node) throws Exception {
        String workDir = workDirOf(magick, node);
        return workDir != null && magick.runs(Map.of()).stream()
                .anyMatch(run -> run.node().equals(workDir) && run.endNanos() == Long.MAX_VALUE);
    }

    /** The node's directory in the work area, {@code <pid>-<random>}, as the trace names it. */
    private static String workDirOf(TracedMagick magick, ChildDarkroom node) throws Exception {
        return magick.runs(Map.of()).stream().map(TracedMagick.Run::node)
                .filter(workDir -> workDir.startsWith(node.pid() + "-")).findFirst().orElse(null);
    }
}
