package org.darkroom.vision.model;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines for a long download, one per 5 % so a log of a 1.8 GB download stays readable. */
final class DownloadProgress {
    private static final int STEPS = 20;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private int stepsShown;

    DownloadProgress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Called with the bytes received so far; prints only when a new 5 % step is reached. */
    void update(long received) {
        int step = (int) Math.min(STEPS, received * STEPS / total);
        if (step <= stepsShown) {
            return;
        }
        stepsShown = step;
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        out.printf(Locale.ROOT, "fetch-model: %s: %.1f of %.1f MB (%d%%), %.1f MB/s%n", label, received / 1e6,
                total / 1e6, received * 100 / total, received / 1e6 / seconds);
    }
}
