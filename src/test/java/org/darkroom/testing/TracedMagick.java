package org.darkroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ImageMagick behind a wrapper that writes when each job's process starts and ends, with the node (the work-area
 * directory of the Darkroom process that ran it) and the SHA-256 of its input: the evidence that no input was
 * worked on by two nodes at the same time. The wrapper dies with its node, and ImageMagick with the wrapper.
 */
public final class TracedMagick {
    /** How long each traced job takes at least. */
    public static final String WORK_SECONDS = "0.2";
    private final Path binary;
    private final Path trace;

    private TracedMagick(Path binary, Path trace) {
        this.binary = binary;
        this.trace = trace;
    }

    /** Writes the wrapper into {@code dir}; give {@link #binary()} as {@code darkroom.magick.binary}. */
    public static TracedMagick in(Path dir) {
        return in(dir, WORK_SECONDS);
    }

    /** The same, with jobs that take at least {@code workSeconds}, so that a node holds work for longer. */
    public static TracedMagick in(Path dir, String workSeconds) {
        Path binary = dir.resolve("traced-convert");
        Path trace = dir.resolve("magick-trace.log");
        String script = "#!/bin/bash\n"
                + "# A job's input is the file named input in its job directory, given as coder:path[frame].\n"
                + "input=''\n"
                + "for arg in \"$@\"; do case \"$arg\" in *:/*/input*) input=\"${arg#*:}\"; input=\"${input%%[*}\";; esac; done\n"
                + "if [[ -n $input && -f $input ]]; then\n"
                + "  sum=$(sha256sum \"$input\" | cut -c1-64)\n"
                + "  node=${MAGICK_TEMPORARY_PATH##*/}\n"
                + "  echo \"start $(date +%s%N) $node $sum\" >> '" + trace + "'\n"
                // Work that takes a moment, as real images do: a node is killed while it holds files.
                + "  sleep " + workSeconds + "\n"
                + "  setpriv --pdeathsig KILL -- /usr/bin/convert \"$@\"\n"
                + "  status=$?\n"
                + "  echo \"end $(date +%s%N) $node $sum\" >> '" + trace + "'\n"
                + "  exit $status\n"
                + "fi\n"
                + "exec /usr/bin/convert \"$@\"\n";
        try {
            Files.writeString(binary, script);
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TracedMagick(binary, trace);
    }

    public Path binary() {
        return binary;
    }

    /** One process's run on one input: from its start to its end, or to {@code Long.MAX_VALUE} if it never ended. */
    public record Run(String node, String input, long startNanos, long endNanos) {
        boolean overlaps(Run other) {
            return startNanos < other.endNanos && other.startNanos < endNanos;
        }
    }

    /** Every run so far; one whose node was killed ends at {@code killedAt} (epoch nanoseconds) for that node. */
    public List<Run> runs(Map<String, Long> killedAt) throws IOException {
        Map<String, Long> started = new HashMap<>();
        List<Run> runs = new ArrayList<>();
        List<String> lines = Files.exists(trace) ? Files.readAllLines(trace) : List.of();
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length < 4) {
                continue;
            }
            String key = fields[2] + " " + fields[3];
            long at = Long.parseLong(fields[1]);
            if (fields[0].equals("start")) {
                started.put(key, at);
            } else if (started.containsKey(key)) {
                runs.add(new Run(fields[2], fields[3], started.remove(key), at));
            }
        }
        started.forEach((key, at) -> {
            String[] parts = key.split(" ");
            runs.add(new Run(parts[0], parts[1], at, killedAt.getOrDefault(parts[0], Long.MAX_VALUE)));
        });
        return runs;
    }

    /** Pairs of runs on the same input by two nodes at overlapping times: must be empty. */
    public List<String> concurrentRuns(Map<String, Long> killedAt) throws IOException {
        List<Run> runs = runs(killedAt);
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                Run a = runs.get(i);
                Run b = runs.get(j);
                if (a.input().equals(b.input()) && !a.node().equals(b.node()) && a.overlaps(b)) {
                    overlaps.add(a + " and " + b);
                }
            }
        }
        return overlaps;
    }
}
