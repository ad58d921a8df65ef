package org.darkroom.vision.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Greedy generation on the tiny bundle, whose designed answers are in tools/make-tiny-moondream.py. */
class TextGeneratorTest {
    private static TinyBundle tiny;
    private static TextGenerator generator;

    @BeforeAll
    static void load() throws Exception {
        tiny = TinyBundle.load("tiny.mf");
        generator = tiny.textGenerator();
    }

    @AfterAll
    static void close() throws Exception {
        if (tiny != null) {
            tiny.close();
        }
    }

    @Test
    void shortCaption() throws Exception {
        Generation g = generator.caption(tiny.image, "short", 20);
        assertThat(g.text()).isEqualTo(" a red dot");
        assertThat(g.stopReason()).isEqualTo(StopReason.EOS);
        assertThat(g.tokens()).containsExactly(tiny.ids(" a red dot"));
    }

    @Test
    void normalCaption() throws Exception {
        Generation g = generator.caption(tiny.image, "normal", 20);
        assertThat(g.text()).isEqualTo(" A white dot.");
        assertThat(g.stopReason()).isEqualTo(StopReason.EOS);
    }

    @Test
    void theCaptionLengthsAreTheConfigsAndTheRealLikeBundleHasNoLongOne() {
        assertThat(generator.templates().captionLengths()).containsExactly("short", "normal");
        assertThatThrownBy(() -> generator.caption(tiny.image, "long", 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caption template long");
    }

    @Test
    void theTokenLimitStopsAfterExactlyThatManyTokens() throws Exception {
        Generation g = generator.caption(tiny.image, "short", 1);
        assertThat(g.stopReason()).isEqualTo(StopReason.TOKEN_LIMIT);
        assertThat(g.tokens()).hasSize(1);
        assertThat(g.text()).isEqualTo(" a");
    }

    @Test
    void aLimitOfExactlyTheAnswerLengthStillEndsOnTheLimitNotOnEos() throws Exception {
        assertThat(generator.caption(tiny.image, "short", 3).stopReason()).isEqualTo(StopReason.TOKEN_LIMIT);
        assertThat(generator.caption(tiny.image, "short", 4).stopReason()).isEqualTo(StopReason.EOS);
    }

    @Test
    void queryAnswersANonAsciiQuestionWithThePromptOfTheOfficialClient() throws Exception {
        String question = "¿Qué color? café ☕";
        long[] questionIds = tiny.ids(question);
        assertThat(tiny.tokenizer.decode(questionIds)).isEqualTo(question);   // no leading space, nothing added
        long[] prefix = ids("\n", "\n", "Question", ":");
        long[] suffix = ids("\n", "\n", "Answer", ":");
        long[] prompt = generator.queryPrompt(question);
        assertThat(prompt).containsExactly(LongStream.concat(LongStream.concat(Arrays.stream(prefix),
                Arrays.stream(questionIds)), Arrays.stream(suffix)).toArray());
        // The tiny config's query template is exactly those pieces, as the real one is ids of the same text.
        assertThat(generator.templates().query(new long[0]))
                .containsExactly(LongStream.concat(Arrays.stream(prefix), Arrays.stream(suffix)).toArray());

        Generation g = generator.query(tiny.image, question, 20);
        assertThat(g.text()).isEqualTo(" yes");
        assertThat(g.stopReason()).isEqualTo(StopReason.EOS);
        assertThat(g.cacheLengths()).startsWith(730, 730 + prompt.length);
    }

    /** The ids of single-token pieces, each checked to be one token of the tiny vocabulary. */
    private static long[] ids(String... pieces) {
        return Arrays.stream(pieces).mapToLong(piece -> {
            long[] ids = tiny.ids(piece);
            assertThat(ids).as(piece).hasSize(1);
            return ids[0];
        }).toArray();
    }

    @Test
    void theCacheFollowsTheSequenceLayout() throws Exception {
        long[] prompt = generator.templates().caption("short");
        Generation g = generator.generate(tiny.image, prompt, 20);
        // BOS, then the image prefill, then the prompt, then +1 per token fed back (every generated token
        // is fed; the step that yields EOS is the last).
        List<Integer> expected = new ArrayList<>();
        int position = 1 + TinyBundle.IMAGE_TOKENS;
        expected.add(position);
        position += prompt.length;
        expected.add(position);
        for (int i = 0; i < g.tokens().length; i++) {
            expected.add(++position);
        }
        assertThat(g.cacheLengths()).containsExactlyElementsOf(expected);
        assertThat(g.cacheLengths()).startsWith(730, 735);
    }

    @Test
    void everyDecoderCallIsTimedAndGraphTimeIsPartOfStepTime() throws Exception {
        Generation g = generator.caption(tiny.image, "short", 20);
        StepTimings t = g.timings();
        assertThat(t.stepNanos()).hasSize(g.cacheLengths().size());
        assertThat(t.graphNanos()).hasSize(g.cacheLengths().size());
        for (int i = 0; i < t.stepNanos().length; i++) {
            assertThat(t.graphNanos()[i]).as("step %d", i).isPositive().isLessThanOrEqualTo(t.stepNanos()[i]);
        }
        assertThat(Arrays.stream(t.overheadNanos()).min().orElseThrow()).isNotNegative();
        // The first token comes out of the prompt step, the second decoder call.
        assertThat(t.firstTokenNanos()).isGreaterThanOrEqualTo(t.stepNanos()[0] + t.stepNanos()[1]);
    }

    @Test
    void anInterruptedThreadGetsACancellationAndTheGeneratorStaysUsable() throws Exception {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> generator.caption(tiny.image, "short", 20))
                    .isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).as("the flag stays set for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(generator.caption(tiny.image, "short", 20).text()).isEqualTo(" a red dot");
    }

    @Test
    void anInterruptMidGenerationStopsItBetweenDecoderCalls() throws Exception {
        try (TinyBundle bench = TinyBundle.load("tiny-bench.mf.gz")) {
            TextGenerator endless = bench.textGenerator();
            Throwable[] failure = new Throwable[1];
            Thread worker = new Thread(() -> {
                try {
                    while (true) {               // until interrupted: every caption runs to the token limit
                        endless.caption(bench.image, "bench", 1000);
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            worker.start();
            Thread.sleep(100);
            worker.interrupt();
            worker.join(10_000);
            assertThat(worker.isAlive()).isFalse();
            assertThat(failure[0]).isInstanceOf(CancellationException.class);
            assertThat(endless.caption(bench.image, "bench", 5).text()).isEqualTo(" dot dot dot dot dot");
        }
    }

    @Test
    void theContextClampsTheTokenLimit() throws Exception {
        try (TinyBundle bench = TinyBundle.load("tiny-bench.mf.gz")) {
            Generation g = bench.textGenerator().caption(bench.image, "bench", 5000);
            assertThat(g.stopReason()).isEqualTo(StopReason.TOKEN_LIMIT);
            // 730 image positions + 4 prompt positions; the last token is generated but never fed.
            assertThat(g.tokens()).hasSize(TextGenerator.MAX_CONTEXT - 734 + 1);
            assertThat(g.cacheLengths().get(g.cacheLengths().size() - 1)).isEqualTo(TextGenerator.MAX_CONTEXT);
        }
    }

    @Test
    void floatImageEmbeddingsGiveTheSameAnswer() throws Exception {
        ShortBuffer halves = tiny.image.getByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();
        float[] floats = new float[halves.remaining()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = Fp16Conversions.fp16ToFloat(halves.get(i));
        }
        try (OnnxTensor asFloat = OnnxTensor.createTensor(tiny.graphs.environment(), FloatBuffer.wrap(floats),
                tiny.image.getInfo().getShape())) {
            assertThat(generator.caption(asFloat, "short", 20).text()).isEqualTo(" a red dot");
        }
    }
}
