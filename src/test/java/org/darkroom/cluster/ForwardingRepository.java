package org.darkroom.cluster;

import org.apache.camel.spi.IdempotentRepository;

/** A repository that passes every call on, for tests that make something happen in the middle of one. */
class ForwardingRepository implements IdempotentRepository {
    private final IdempotentRepository target;

    ForwardingRepository(IdempotentRepository target) {
        this.target = target;
    }

    @Override
    public boolean add(String key) {
        return target.add(key);
    }

    @Override
    public boolean contains(String key) {
        return target.contains(key);
    }

    @Override
    public boolean remove(String key) {
        return target.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return target.confirm(key);
    }

    @Override
    public void clear() {
        target.clear();
    }

    @Override
    public void start() {
        target.start();
    }

    @Override
    public void stop() {
        target.stop();
    }
}
