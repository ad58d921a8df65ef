package org.darkroom.cluster;

import org.apache.camel.spi.IdempotentRepository;

/**
 * One inbox's view of the {@link LeaseStore}, as camel-file's clustered read lock ({@code idempotent-changed})
 * uses it: {@code add} takes the lease, {@code remove} and {@code confirm} end or renew it. The store outlives the
 * routes, so starting and stopping this repository does nothing.
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
        return store.acquire(processor, key);
    }

    @Override
    public boolean contains(String key) {
        return store.isLeased(processor, key);
    }

    @Override
    public boolean remove(String key) {
        return store.release(processor, key);
    }

    @Override
    public boolean confirm(String key) {
        return store.renew(processor, key);
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

    @Override
    public String toString() {
        return "LeaseRepository[" + processor + "]";
    }
}
