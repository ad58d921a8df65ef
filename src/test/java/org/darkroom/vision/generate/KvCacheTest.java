package org.darkroom.vision.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;

/** The in-place KV cache: growth along the sequence axis, contents, capacity and the BOS start. */
class KvCacheTest {
    /** Shape [2 blocks, P, 3]; value = 100 * block + 10 * position + channel, so every slot is recognisable. */
    private static short[] values(int blocks, int from, int steps, int row) {
        short[] v = new short[blocks * steps * row];
        for (int b = 0; b < blocks; b++) {
            for (int p = 0; p < steps; p++) {
                for (int c = 0; c < row; c++) {
                    v[(b * steps + p) * row + c] = (short) (100 * b + 10 * (from + p) + c);
                }
            }
        }
        return v;
    }

    private static short[] view(KvCache cache) {
        ShortBuffer data = cache.view().asShortBuffer();
        short[] out = new short[data.remaining()];
        data.get(out);
        return out;
    }

    @Test
    void appendGrowsTheSequenceAxisAndKeepsEveryBlockContiguous() {
        KvCache cache = KvCache.of(new long[] {2, 1, 3}, values(2, 0, 1, 3), 8);
        assertThat(cache.length()).isEqualTo(1);
        assertThat(cache.shape()).containsExactly(2, 1, 3);

        cache.append(ShortBuffer.wrap(values(2, 1, 3, 3)), 3);
        cache.append(ShortBuffer.wrap(values(2, 4, 1, 3)), 1);

        assertThat(cache.length()).isEqualTo(5);
        assertThat(cache.shape()).containsExactly(2, 5, 3);
        assertThat(view(cache)).containsExactly(values(2, 0, 5, 3));   // as if concatenated on the sequence axis
    }

    @Test
    void appendingOnePositionToALongCacheMovesEveryBlockIntactThoughTheMovesOverlap() {
        // Block b moves up by b positions: far less than its own length, so source and target overlap.
        KvCache cache = KvCache.of(new long[] {6, 200, 4}, values(6, 0, 200, 4), 300);
        for (int p = 200; p < 260; p++) {
            cache.append(ShortBuffer.wrap(values(6, p, 1, 4)), 1);
        }
        assertThat(view(cache)).containsExactly(values(6, 0, 260, 4));
    }

    @Test
    void theTensorHandedToOnnxRuntimeIsAViewOfTheCacheNotACopy() throws Exception {
        Engine.getEngine("OnnxRuntime");            // DJL must create the environment first (see OrtGraphs)
        KvCache cache = KvCache.of(new long[] {2, 1, 3}, values(2, 0, 1, 3), 2048);
        cache.append(ShortBuffer.wrap(values(2, 1, 2000, 3)), 2000);
        try (OnnxTensor tensor = cache.tensor(OrtEnvironment.getEnvironment())) {
            assertThat(tensor.ownsBuffer()).as("ONNX Runtime copied the cache").isFalse();
            assertThat(tensor.getInfo().getShape()).containsExactly(2, 2001, 3);
            ByteBuffer wrapped = (ByteBuffer) tensor.getBufferRef().orElseThrow();
            // A write through the tensor's buffer is seen by the cache: same memory, whatever the length.
            wrapped.order(ByteOrder.nativeOrder()).asShortBuffer().put(5, (short) -7);
            assertThat(view(cache)[5]).isEqualTo((short) -7);
        }
    }

    @Test
    void exceedingTheCapacityIsRefusedAndLeavesTheCacheIntact() {
        KvCache cache = KvCache.of(new long[] {2, 1, 3}, values(2, 0, 1, 3), 4);
        cache.append(ShortBuffer.wrap(values(2, 1, 3, 3)), 3);
        assertThatThrownBy(() -> cache.append(ShortBuffer.wrap(values(2, 4, 1, 3)), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("capacity exceeded")
                .hasMessageContaining("capacity 4");
        assertThat(cache.length()).isEqualTo(4);
        assertThat(view(cache)).containsExactly(values(2, 0, 4, 3));
    }

    @Test
    void newDataOfTheWrongSizeIsRefused() {
        KvCache cache = KvCache.of(new long[] {2, 1, 3}, values(2, 0, 1, 3), 4);
        assertThatThrownBy(() -> cache.append(ShortBuffer.wrap(new short[5]), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startsFromAnNpyBosCache() {
        // A v1 .npy header for float16 [2, 2, 1, 2, 1, 8], padded to a multiple of 64 bytes as numpy does.
        String header = "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2, 1, 2, 1, 8), }";
        header = header + " ".repeat(64 - (10 + header.length() + 1) % 64) + "\n";
        byte[] npy = new byte[10 + header.length() + 64 * 2];
        npy[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(), 0, npy, 1, 5);
        npy[6] = 1;
        npy[8] = (byte) header.length();
        System.arraycopy(header.getBytes(), 0, npy, 10, header.length());
        for (int i = 0; i < 64; i++) {
            npy[10 + header.length() + 2 * i] = (byte) i;         // little-endian value i
        }
        KvCache cache = KvCache.fromNpy(npy, 16);
        assertThat(cache.length()).isEqualTo(1);
        assertThat(cache.shape()).containsExactly(2, 2, 1, 2, 1, 8);
        assertThat(view(cache)[63]).isEqualTo((short) 63);
    }
}
