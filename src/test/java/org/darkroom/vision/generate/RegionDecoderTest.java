package org.darkroom.vision.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detect and point on the tiny bundles, whose designed answers are in tools/make-tiny-moondream.py: tiny.mf
 * mirrors the 0.5B config (no point template), tiny-point.mf.gz adds one.
 */
class RegionDecoderTest {
    private static final Box FIRST = new Box(0.1875, 0.375, 0.3125, 0.625);
    private static final Box SECOND = new Box(0.625, 0.1875, 0.875, 0.3125);

    private static TinyBundle tiny;
    private static TinyBundle withPoint;

    @BeforeAll
    static void load() throws Exception {
        tiny = TinyBundle.load("tiny.mf");
        withPoint = TinyBundle.load("tiny-point.mf.gz");
    }

    @AfterAll
    static void close() throws Exception {
        for (TinyBundle bundle : new TinyBundle[] {tiny, withPoint}) {
            if (bundle != null) {
                bundle.close();
            }
        }
    }

    @Test
    void detectFindsTheTwoDesignedBoxesAndEndsOnEos() throws Exception {
        Regions<Box> found = tiny.regionDecoder().detect(tiny.image, "red dot", 50);
        assertThat(found.regions()).containsExactly(FIRST, SECOND);
        assertThat(found.stopReason()).isEqualTo(StopReason.EOS);
    }

    @Test
    void theDetectPromptIsThePrefixTheObjectWithALeadingSpaceAndTheSuffix() {
        long[] prompt = tiny.regionDecoder().detectPrompt("red dot");
        long[] object = tiny.ids(" red dot");
        assertThat(object).containsExactly(tiny.ids(" red")[0], tiny.ids(" dot")[0]);
        long[] expected = LongStream.concat(LongStream.concat(LongStream.of(ids("\n", "\n", "Detect", ":")),
                LongStream.of(object)), LongStream.of(ids("\n\n"))).toArray();
        assertThat(prompt).containsExactly(expected);
    }

    @Test
    void detectCacheLengthsFollowTheRegionLayout() throws Exception {
        RegionDecoder decoder = tiny.regionDecoder();
        int prompt = decoder.detectPrompt("red dot").length;
        Regions<Box> found = decoder.detect(tiny.image, "red dot", 50);
        int p = 730 + prompt;
        // image; prompt (decides object 1); x fed; y fed; size fed (decides object 2); x; y; size (decides EOS)
        assertThat(found.cacheLengths()).containsExactly(730, p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6);
        assertThat(found.timings().stepNanos()).hasSize(8);
        assertThat(found.timings().graphNanos()).hasSize(8);
    }

    @Test
    void maxObjectsOneStopsAfterTheFirstBoxWithoutDecodingItsSize() throws Exception {
        RegionDecoder decoder = tiny.regionDecoder();
        int p = 730 + decoder.detectPrompt("red dot").length;
        Regions<Box> found = decoder.detect(tiny.image, "red dot", 1);
        assertThat(found.regions()).containsExactly(FIRST);
        assertThat(found.stopReason()).isEqualTo(StopReason.OBJECT_LIMIT);
        assertThat(found.cacheLengths()).containsExactly(730, p, p + 1, p + 2);
    }

    @Test
    void maxObjectsIsCheckedAndCappedAtFifty() throws Exception {
        assertThatThrownBy(() -> tiny.regionDecoder().detect(tiny.image, "red dot", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tiny.regionDecoder().detect(tiny.image, "red dot", 1000).regions()).hasSize(2);
    }

    @Test
    void pointFindsTheTwoDesignedPointsWhereTheConfigHasAPointTemplate() throws Exception {
        RegionDecoder decoder = withPoint.regionDecoder();
        assertThat(decoder.templates().hasPoint()).isTrue();
        int p = 730 + decoder.pointPrompt("red dot").length;
        Regions<Point> found = decoder.point(withPoint.image, "red dot", 50);
        assertThat(found.regions()).containsExactly(new Point(0.25, 0.5), new Point(0.75, 0.25));
        assertThat(found.stopReason()).isEqualTo(StopReason.EOS);
        // image; prompt (decides point 1); x fed; y fed (decides point 2); x; y (decides EOS)
        assertThat(found.cacheLengths()).containsExactly(730, p, p + 1, p + 2, p + 3, p + 4);

        Regions<Point> one = decoder.point(withPoint.image, "red dot", 1);
        assertThat(one.regions()).containsExactly(new Point(0.25, 0.5));
        assertThat(one.stopReason()).isEqualTo(StopReason.OBJECT_LIMIT);
        assertThat(one.cacheLengths()).containsExactly(730, p, p + 1);
    }

    @Test
    void thePointPromptUsesThePointTemplate() {
        assertThat(withPoint.regionDecoder().pointPrompt("red dot")).containsExactly(LongStream.concat(
                LongStream.of(ids("\n", "\n", "Point", ":", " red", " dot")), LongStream.of(ids("\n\n"))).toArray());
    }

    @Test
    void pointOnABundleWithoutAPointTemplateIsRefusedWithTheRemedy() {
        RegionDecoder decoder = tiny.regionDecoder();
        assertThat(decoder.templates().hasPoint()).isFalse();
        assertThatThrownBy(() -> decoder.point(tiny.image, "red dot", 50))
                .isInstanceOf(UnsupportedSkillException.class)
                .hasMessageContaining("no point template")
                .hasMessageContaining("./darkroom fetch-model 2b")
                .hasMessageContaining("unverified");
    }

    @Test
    void anInterruptedThreadGetsACancellationAndTheDecoderStaysUsable() throws Exception {
        RegionDecoder decoder = tiny.regionDecoder();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> decoder.detect(tiny.image, "red dot", 50))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(decoder.detect(tiny.image, "red dot", 50).regions()).containsExactly(FIRST, SECOND);
    }

    private static long[] ids(String... pieces) {
        return List.of(pieces).stream().mapToLong(piece -> {
            long[] ids = tiny.ids(piece);
            assertThat(ids).as(piece).hasSize(1);
            return ids[0];
        }).toArray();
    }
}
