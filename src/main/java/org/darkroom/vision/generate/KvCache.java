package org.darkroom.vision.generate;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * The decoder's float16 KV cache {@code [L, 2, 1, H, P, Dh]}, allocated once per generation with room for
 * {@code capacity} positions and grown in place along the sequence axis (axis {@code rank - 2}).
 *
 * <p>The buffer always holds the first {@link #length()} positions as one contiguous, C-ordered
 * {@code [L, 2, 1, H, length, Dh]} tensor, so {@link #view()} and {@link #tensor} hand ONNX Runtime this memory
 * without a copy (O(1) in Java whatever the length). The price is that an append shifts each (layer, K/V, head)
 * block up by the positions added before it: one memmove pass over the cache per step. The decoder interface
 * makes that pass unavoidable (it takes a contiguous cache of exactly the cached length, so every block's offset
 * changes as the length grows); it is the same work ONNX Runtime does for the reference's strided
 * {@code KV[..., :pos, :]} slice, grows like the graph's own attention over the cache, and allocates nothing.
 */
public final class KvCache {
    private final long[] shape;        // current shape; shape[seqAxis] == length
    private final int seqAxis;
    private final int blocks;          // product of the dimensions before the sequence axis
    private final int row;             // product of the dimensions after it (the head width)
    private final int capacity;
    private final ByteBuffer bytes;    // direct, native order, blocks * capacity * row halves
    private final ShortBuffer halves;
    private final ShortBuffer source;  // a second view of the same memory: the source of the in-place moves
    private int length;

    private KvCache(long[] shape, int capacity) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("A KV cache needs a sequence axis and a head axis, got shape "
                    + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.seqAxis = shape.length - 2;
        this.blocks = Math.toIntExact(product(shape, 0, seqAxis));
        this.row = Math.toIntExact(product(shape, seqAxis + 1, shape.length));
        this.capacity = capacity;
        long size = (long) blocks * capacity * row;
        if (capacity < 1 || size * 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("KV cache capacity " + capacity + " is not usable for shape "
                    + Arrays.toString(shape));
        }
        this.bytes = ByteBuffer.allocateDirect((int) size * 2).order(ByteOrder.nativeOrder());
        this.halves = bytes.asShortBuffer();
        this.source = halves.duplicate();
    }

    /**
     * A cache holding {@code initial}, C-ordered float16 bits of shape {@code shape} (its sequence axis gives the
     * initial length), with room for {@code capacity} positions in all.
     */
    public static KvCache of(long[] shape, short[] initial, int capacity) {
        long[] empty = shape.clone();
        empty[shape.length - 2] = 0;
        KvCache cache = new KvCache(empty, capacity);
        ShortBuffer data = ShortBuffer.wrap(initial);
        cache.append(data, (int) shape[shape.length - 2]);
        return cache;
    }

    /** A cache starting from the bundle's {@code initial_kv_cache.npy} (the BOS position), as the reference does. */
    public static KvCache fromNpy(byte[] npy, int capacity) {
        Float16Npy array = Float16Npy.parse(npy);
        return of(array.shape(), array.data(), capacity);
    }

    /** Positions held. */
    public int length() {
        return length;
    }

    /** Positions the buffer can hold; fixed at allocation. */
    public int capacity() {
        return capacity;
    }

    /** The current shape, with {@link #length()} on the sequence axis. */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Appends {@code steps} new positions given as C-ordered float16 bits of shape
     * {@code [..., steps, Dh]} (the decoder's {@code new_kv_cache}), read from the buffer's position.
     *
     * @throws IllegalStateException if the cache would exceed its capacity
     */
    public void append(ShortBuffer newKv, int steps) {
        if (steps < 0 || newKv.remaining() != (long) blocks * steps * row) {
            throw new IllegalArgumentException("New KV data has " + newKv.remaining() + " values, expected "
                    + blocks + " x " + steps + " x " + row);
        }
        if (length + steps > capacity) {
            throw new IllegalStateException("KV cache capacity exceeded: " + length + " + " + steps
                    + " positions > capacity " + capacity);
        }
        int oldBlock = length * row;
        int newBlock = (length + steps) * row;
        // From the last block down: block b moves up by b * steps * row, into space already vacated above it.
        // The move may overlap its own source; the bulk put between buffers sharing memory is specified to
        // behave as if the source were first copied aside (a memmove), so one pass suffices.
        for (int b = blocks - 1; b > 0; b--) {
            halves.put(b * newBlock, source, b * oldBlock, oldBlock);
        }
        int base = newKv.position();
        for (int b = 0; b < blocks; b++) {
            halves.put(b * newBlock + oldBlock, newKv, base + b * steps * row, steps * row);
        }
        newKv.position(base + blocks * steps * row);
        length += steps;
        shape[seqAxis] = length;
    }

    /** Appends the decoder's {@code new_kv_cache} output; its sequence axis gives the number of steps. */
    public void append(OnnxTensor newKv) {
        long[] got = newKv.getInfo().getShape();
        if (newKv.getInfo().type != OnnxJavaType.FLOAT16 || got.length != shape.length) {
            throw new IllegalArgumentException("new_kv_cache is " + newKv.getInfo() + ", expected FLOAT16 rank "
                    + shape.length);
        }
        append(newKv.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer(), (int) got[seqAxis]);
    }

    /**
     * The first {@link #length()} positions as a contiguous {@code [..., length, Dh]} float16 buffer sharing this
     * cache's memory; valid until the next {@link #append}.
     */
    public ByteBuffer view() {
        return bytes.duplicate().position(0).limit(blocks * length * row * 2).slice().order(ByteOrder.nativeOrder());
    }

    /** An ONNX Runtime tensor over {@link #view()}; close it before the next {@link #append}. */
    public OnnxTensor tensor(OrtEnvironment env) throws OrtException {
        return OnnxTensor.createTensor(env, view(), shape(), OnnxJavaType.FLOAT16);
    }

    private static long product(long[] dims, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("KV cache shape " + Arrays.toString(dims) + " has a negative dimension");
            }
            p *= dims[i];
        }
        return p;
    }
}
