package org.darkroom.cluster;

import java.io.File;
import org.apache.camel.spi.IdempotentRepository;

/**
 * One inbox's view of the {@link LeaseStore}, as camel-file's clustered read lock ({@code idempotent-changed})
 * uses it: {@code add} takes the lease, {@code remove} ends it. {@code confirm}, which that read lock does not call
 * with {@code readLockRemoveOnCommit=true}, answers whether the lease is certainly still this node's
 * ({@link LeaseStore#owns}): the inbox asks it before it commits anything. The store outlives the
 * routes, so starting and stopping this repository does nothing.
 *
 * <p>Leases are keyed by the file's name, the last part of the key: camel-file passes the file's absolute path, and
 * nodes that mount the share at different paths must agree on the key. Taking the name here rather than through the
 * endpoint's {@code idempotentKey=${file:name}} spares camel-file a throwaway exchange and an expression per call
 * (twice per file: a quarter of the read lock's own samples in a profile). Inboxes are not recursive, so names are
 * unique.
 */
final class LeaseRepository implements IdempotentRepository {
    private final LeaseStore store;
    private final String processor;

    LeaseRepository(LeaseStore store, String processor) {
        this.store = store;
        this.processor = processor;
    }

    @Override
    public boolean add(String key) {
        return store.acquire(processor, fileName(key));
    }

    @Override
    public boolean contains(String key) {
        return store.isLeased(processor, fileName(key));
    }

    @Override
    public boolean remove(String key) {
        return store.release(processor, fileName(key));
    }

    @Override
    public boolean confirm(String key) {
        return store.owns(processor, fileName(key));
    }

    @Override
    public void clear() {
        store.releaseAll(processor);
    }

    @Override
    public void start() {
        // the store is opened before the routes and closed after them
    }

    @Override
    public void stop() {
        // see start()
    }

    /** The file's name: what follows the last separator of the path camel-file passes (a bare name stays as it is). */
    static String fileName(String key) {
        return key.substring(key.lastIndexOf(File.separatorChar) + 1);
    }

    @Override
    public String toString() {
        return "LeaseRepository[" + processor + "]";
    }
}
