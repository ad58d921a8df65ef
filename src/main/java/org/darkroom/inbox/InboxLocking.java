package org.darkroom.inbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.spi.IdempotentRepository;

/**
 * How an inbox's consumer makes sure one file is worked on by one consumer at a time: camel-file's read lock, as
 * parameters of the inbox route template.
 *
 * <p>A single instance uses the {@code changed} read lock (the file must have stopped changing for the settle time)
 * without camel-file's marker files: the exclusive lock on the data directory ({@code startup/DataDirLock}) already
 * keeps every other instance out, and the consumer's in-progress set keeps a file from being taken twice, so a
 * marker per file would be two more inodes created and deleted, and a dozen more {@code stat}s, for nothing.
 * Markers an older version left behind are still swept at start. Cluster nodes use the clustered read lock Camel
 * documents, {@code idempotent-changed}, with one lease repository per inbox keyed by the file's name, so nodes
 * that mount the share at different paths agree on the key (the repository takes the name from the path camel-file
 * passes: cheaper than an {@code idempotentKey} expression, which camel-file evaluates on a throwaway exchange
 * twice per file). On Camel 4.17.0 it needs {@code idempotentEager=false} (else a node that loses a race removes
 * the winner's lease), no marker files (a starting node would delete another node's live markers as orphans), and
 * the lease kept a little after success, so a node that listed the file just before it was archived does not take
 * it again.
 */
public final class InboxLocking {
    private final Function<String, IdempotentRepository> repositories;

    private InboxLocking(Function<String, IdempotentRepository> repositories) {
        this.repositories = repositories;
    }

    /** One instance owns the data directory. */
    public static InboxLocking single() {
        return new InboxLocking(null);
    }

    /** Cluster nodes share it: {@code repositories} gives the lease repository of each inbox. */
    public static InboxLocking clustered(Function<String, IdempotentRepository> repositories) {
        return new InboxLocking(repositories);
    }

    /** The bean name of an inbox's lease repository. */
    static String repositoryBean(String inbox) {
        return "inboxLeases-" + inbox;
    }

    /** The repository to bind for {@code inbox}, or {@code null} for a single instance. */
    IdempotentRepository repository(String inbox) {
        return repositories == null ? null : repositories.apply(inbox);
    }

    /** The template parameters of the read lock for {@code inbox}. */
    Map<String, Object> templateParameters(String inbox) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (repositories == null) {
            parameters.put("readLock", "changed");
            parameters.put("sweepMarkers", "true");
            return parameters;
        }
        parameters.put("readLock", "idempotent-changed");
        parameters.put("sweepMarkers", "false");
        parameters.put("leases", "#" + repositoryBean(inbox));
        parameters.put("leaseEager", "false");
        parameters.put("leaseKeptAfterCommit", "true");
        parameters.put("leaseReleaseDelay", "2000");
        parameters.put("leaseReleaseAsync", "true");
        return parameters;
    }
}
