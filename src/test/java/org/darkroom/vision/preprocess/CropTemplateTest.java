package org.darkroom.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client's template choice, including its boundary and its tie-breaking by list order. */
class CropTemplateTest {
    @ParameterizedTest(name = "{0}x{1} -> ({2},{3})")
    @CsvSource({
        "378, 378, 1, 1",       // the crop size itself: no local crops
        "529, 100, 1, 1",       // 529 < 378 * 1.4 = 529.2
        "100, 529, 1, 1",
        "530, 530, 2, 2",       // just over the boundary, square: cols/rows = 1
        "530, 100, 1, 2",       // very wide
        "100, 530, 2, 1",       // very tall
        "800, 400, 1, 2",       // 2:1
        "600, 900, 2, 1",       // 2:3 is nearer 1/2 than 1
        "1000, 750, 2, 2",      // 4:3 is nearer 1 than 2
        "1500, 1000, 1, 2",     // 3:2 ties (1,2) and (2,2) at 0.5: the first listed wins
        "750, 1000, 2, 1",      // 3:4 ties (2,1) and (2,2) at 0.25: the first listed wins
        "4000, 3000, 2, 2",     // a 12 MP photo
    })
    void choosesLikeTheClient(int width, int height, int rows, int cols) {
        CropTemplate template = CropTemplate.choose(width, height);
        assertThat(template).isEqualTo(new CropTemplate(rows, cols));
        assertThat(template.crops()).isEqualTo(rows == 1 && cols == 1 ? 1 : 1 + rows * cols);
    }
}
