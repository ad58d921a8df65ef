package org.darkroom.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalCropIndexTest {
    @Test
    void parsesEitherNameInAnyCase() {
        assertThat(LocalCropIndex.parse("client")).isEqualTo(LocalCropIndex.CLIENT);
        assertThat(LocalCropIndex.parse("TRAINED")).isEqualTo(LocalCropIndex.TRAINED);
        assertThat(LocalCropIndex.parse(" Trained ")).isEqualTo(LocalCropIndex.TRAINED);
    }

    @Test
    void anUnknownValueIsRefusedNamingBothChoices() {
        assertThatThrownBy(() -> LocalCropIndex.parse("torch")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'torch'").hasMessageContaining("'client'").hasMessageContaining("'trained'");
        assertThatThrownBy(() -> LocalCropIndex.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientReadsOneSlotEarlierThanTraining() {
        CropTemplate twoByTwo = new CropTemplate(2, 2);
        assertThat(LocalCropIndex.CLIENT.encoderOutput(0, 0, twoByTwo)).isZero();   // the global crop
        assertThat(LocalCropIndex.CLIENT.encoderOutput(1, 1, twoByTwo)).isEqualTo(3);
        assertThat(LocalCropIndex.TRAINED.encoderOutput(0, 0, twoByTwo)).isEqualTo(1);
        assertThat(LocalCropIndex.TRAINED.encoderOutput(1, 1, twoByTwo)).isEqualTo(4);
    }
}
