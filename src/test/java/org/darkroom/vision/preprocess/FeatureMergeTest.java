package org.darkroom.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Where each crop's features land in the projection input. Crop i's features are 100 * i plus a per-patch or
 * per-channel pattern, so every merged value names the crop it came from.
 */
class FeatureMergeTest {
    private static final int PATCHES = 729;

    /** [n, 729, e] with value 100 * crop + channel. */
    private static float[] constantPerCrop(int n, int e) {
        float[] out = new float[n * PATCHES * e];
        for (int i = 0; i < out.length; i++) {
            out[i] = 100 * (i / (PATCHES * e)) + i % e;
        }
        return out;
    }

    private static float local(float[] merged, int e, int patch, int channel) {
        return merged[patch * 2 * e + e + channel];
    }

    @Test
    void singleTemplateRepeatsTheGlobalFeatures() {
        int e = 3;
        float[] encoded = new float[PATCHES * e];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = i;
        }
        float[] merged = FeatureMerge.merge(encoded, 1, e, CropTemplate.SINGLE, LocalCropIndex.CLIENT);
        assertThat(merged).hasSize(PATCHES * 2 * e);
        for (int p = 0; p < PATCHES; p++) {
            for (int ch = 0; ch < e; ch++) {
                assertThat(merged[p * 2 * e + ch]).isEqualTo(p * e + ch);
                assertThat(merged[p * 2 * e + e + ch]).isEqualTo(p * e + ch);
            }
        }
    }

    @Test
    void oneByTwoPutsTheTilesSideBySideAndPoolsThemBackTo27Columns() {
        int e = 2;
        float[] encoded = constantPerCrop(3, e);
        float[] trained = FeatureMerge.merge(encoded, 3, e, new CropTemplate(1, 2), LocalCropIndex.TRAINED);
        float[] client = FeatureMerge.merge(encoded, 3, e, new CropTemplate(1, 2), LocalCropIndex.CLIENT);
        for (int row = 0; row < 27; row++) {
            for (int col = 0; col < 27; col++) {
                int p = row * 27 + col;
                // 54 columns pooled 2 by 2: columns 0..12 lie in the left tile, 14..26 in the right, 13 straddles.
                float leftShare = col < 13 ? 1 : col == 13 ? 0.5f : 0;
                assertThat(trained[p * 2 * e]).as("global half").isEqualTo(0);
                assertThat(local(trained, e, p, 1)).isEqualTo(1 + leftShare * 100 + (1 - leftShare) * 200);
                assertThat(local(client, e, p, 1)).isEqualTo(1 + leftShare * 0 + (1 - leftShare) * 100);
            }
        }
    }

    @Test
    void twoByTwoPoolsEachTwoByTwoBlockOfTheTiledGrid() {
        int e = 1;
        // Crop i, patch (r, c): 100 * i + 27 * r + c, so the averages are known exactly.
        float[] encoded = new float[5 * PATCHES];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = 100 * (i / PATCHES) + i % PATCHES;
        }
        float[] merged = FeatureMerge.merge(encoded, 5, e, new CropTemplate(2, 2), LocalCropIndex.TRAINED);
        // Output (0,0) averages tiled rows 0-1, cols 0-1: tile (0,0) = crop 1, patches 0, 1, 27, 28.
        assertThat(local(merged, e, 0, 0)).isEqualTo(100 + (0 + 1 + 27 + 28) / 4f);
        // Output (26,26) averages tiled rows 52-53, cols 52-53: tile (1,1) = crop 4, patches (25..26, 25..26).
        assertThat(local(merged, e, PATCHES - 1, 0)).isEqualTo(400 + (700 + 701 + 727 + 728) / 4f);
        // Output (3, 20): tiled rows 6-7, cols 40-41: tile (0,1) = crop 2, patch rows 6-7, cols 13-14.
        assertThat(local(merged, e, 3 * 27 + 20, 0)).isEqualTo(200 + (175 + 176 + 202 + 203) / 4f);
        // Output (20, 3): tile (1,0) = crop 3, patch rows 13-14, cols 6-7.
        assertThat(local(merged, e, 20 * 27 + 3, 0)).isEqualTo(300 + (357 + 358 + 384 + 385) / 4f);
        assertThat(merged[(20 * 27 + 3) * 2]).as("global half").isEqualTo(20 * 27 + 3);
    }

    @Test
    void clientIndexingReadsTheGlobalCropAsTheFirstTileAndNeverTheLast() {
        int e = 1;
        float[] encoded = constantPerCrop(5, e);
        float[] merged = FeatureMerge.merge(encoded, 5, e, new CropTemplate(2, 2), LocalCropIndex.CLIENT);
        assertThat(local(merged, e, 0, 0)).isEqualTo(0);                   // top-left: crop 0, the global one
        assertThat(local(merged, e, 26, 0)).isEqualTo(100);                // top-right: crop 1
        assertThat(local(merged, e, 26 * 27, 0)).isEqualTo(200);           // bottom-left: crop 2
        assertThat(local(merged, e, PATCHES - 1, 0)).isEqualTo(300);       // bottom-right: crop 3
        for (int p = 0; p < PATCHES; p++) {
            assertThat(local(merged, e, p, 0)).isLessThan(400);            // crop 4 is never read
        }
    }

    @Test
    void theCropCountMustMatchTheTemplate() {
        assertThatThrownBy(() -> FeatureMerge.merge(constantPerCrop(2, 1), 2, 1, CropTemplate.SINGLE,
                LocalCropIndex.CLIENT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 1");
        assertThatThrownBy(() -> FeatureMerge.merge(constantPerCrop(3, 1), 3, 1, new CropTemplate(2, 2),
                LocalCropIndex.TRAINED)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 5");
        assertThatThrownBy(() -> FeatureMerge.merge(new float[10], 3, 1, new CropTemplate(1, 2),
                LocalCropIndex.TRAINED)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 10");
    }
}
