package org.darkroom.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Service;
import org.darkroom.intake.WorkArea;

/**
 * The work area of a stdio MCP server ({@code ./darkroom mcp}), which takes no data-directory lock and may run beside
 * a service on the same data directory: a directory of its own, {@code <data>/.work-mcp-<random>}, because the
 * service empties the shared {@code .work} when it starts. Removed when the server stops; one left by a killed server
 * holds nothing but that server's unfinished jobs.
 */
public final class StdioWorkArea implements Service {
    private final WorkArea area;

    private StdioWorkArea(WorkArea area) {
        this.area = area;
    }

    public static StdioWorkArea create(Path dataDir) {
        try {
            return new StdioWorkArea(new WorkArea(Files.createTempDirectory(dataDir, ".work-mcp-")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a work area under " + dataDir, e);
        }
    }

    public WorkArea area() {
        return area;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        try {
            area.reset();
            Files.deleteIfExists(area.root());
        } catch (IOException | UncheckedIOException e) {
            // A leftover directory costs nothing but its space; the stop goes on.
        }
    }
}
