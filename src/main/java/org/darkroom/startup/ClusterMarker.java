package org.darkroom.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file {@code <data>/darkroom.cluster} that says a data directory is shared by cluster nodes. Unlike the lock,
 * it is seen from every machine that mounts the directory, so a single instance started anywhere refuses to join
 * the nodes unannounced. It stays when the nodes stop; an operator who ends the cluster deletes it.
 */
final class ClusterMarker {
    static final String FILE = "darkroom.cluster";
    /** The setting that makes an instance a cluster node. */
    static final String SETTING = "darkroom.cluster.jdbc-url";

    private ClusterMarker() {
    }

    /** Writes the marker unless there is one. */
    static void mark(Path dataDir, String cluster) throws IOException {
        try {
            Files.writeString(dataDir.resolve(FILE), "This data directory is shared by Darkroom cluster nodes ("
                    + cluster + "). Every instance must start with " + SETTING + "; delete this file once no node"
                    + " uses the directory any more.\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            // Another node marked it first.
        }
    }

    /** Refuses a single instance on a directory that cluster nodes share. */
    static void refuseIfClustered(Path dataDir) {
        Path marker = dataDir.resolve(FILE);
        if (Files.exists(marker)) {
            throw new StartupRefusal("The data directory " + dataDir + " is shared by Darkroom cluster nodes: start"
                    + " this instance with the same " + SETTING + " as the others, or, if no node uses it any more,"
                    + " delete " + marker + ".");
        }
    }
}
