package org.darkroom.vision.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Encoded images by the SHA-256 of the input bytes, least recently used first out, so several questions about one
 * image encode it once. Keys are content hashes, never names: two uploads of the same bytes share an entry, and a
 * changed file under an old name does not.
 */
public final class EncodedImageCache {
    private final int capacity;
    private final Map<String, ImageEmbeddings> entries;
    private long hits;
    private long misses;

    /** @param capacity entries kept; 0 turns the cache off */
    public EncodedImageCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ImageEmbeddings> eldest) {
                return size() > EncodedImageCache.this.capacity;
            }
        };
    }

    public synchronized Optional<ImageEmbeddings> get(String sha256) {
        ImageEmbeddings found = entries.get(sha256);
        if (found == null) {
            misses++;
        } else {
            hits++;
        }
        return Optional.ofNullable(found);
    }

    public synchronized void put(String sha256, ImageEmbeddings embeddings) {
        if (capacity > 0) {
            entries.put(sha256, embeddings);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Lookups answered from the cache since start. */
    public synchronized long hits() {
        return hits;
    }

    /** Lookups that had to encode since start. */
    public synchronized long misses() {
        return misses;
    }
}
