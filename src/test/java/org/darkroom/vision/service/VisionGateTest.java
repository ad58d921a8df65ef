package org.darkroom.vision.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.junit.jupiter.api.Test;

/** The vision gate's promises: one at a time, a bounded queue, a deadline that stops the work. */
class VisionGateTest {

    @Test
    void one_beyond_the_queue_is_busy_and_a_waiter_past_its_deadline_times_out() throws Exception {
        ExecutorService callers = Executors.newCachedThreadPool();
        try (VisionGate gate = new VisionGate(1, 1, Duration.ofMillis(400))) {
            VisionGate.Slot working = gate.enter();
            Future<?> waiting = callers.submit(() -> {
                gate.enter().close();
                return null;
            });
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gate.admitted() == 2);   // the waiter queued
            assertThatThrownBy(gate::enter).isInstanceOfSatisfying(DarkroomException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DarkroomException.class)
                    .cause().satisfies(e -> assertThat(((DarkroomException) e).code()).isEqualTo(ErrorCode.TIMEOUT));
            working.close();
            gate.enter().close();                                // released places are usable again
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void work_past_the_deadline_is_interrupted_and_reported_as_timeout() throws Exception {
        try (VisionGate gate = new VisionGate(1, 0, Duration.ofMillis(300))) {
            CountDownLatch stopped = new CountDownLatch(1);
            AtomicBoolean sawInterrupt = new AtomicBoolean();
            try (VisionGate.Slot slot = gate.enter()) {
                assertThatThrownBy(() -> slot.run(() -> {
                    // Like the generation loop: check between steps, stop with CancellationException.
                    try {
                        while (true) {
                            if (Thread.currentThread().isInterrupted()) {
                                sawInterrupt.set(true);
                                throw new CancellationException();
                            }
                            Thread.onSpinWait();
                        }
                    } finally {
                        stopped.countDown();
                    }
                })).isInstanceOfSatisfying(DarkroomException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
            }
            assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(sawInterrupt).isTrue();
            try (VisionGate.Slot next = gate.enter()) {
                assertThat(next.run(() -> "next")).isEqualTo("next");
            }
        }
    }
    @Test
    void a_stop_ends_generations_in_progress_and_their_callers_are_told_not_ready() throws Exception {
        ExecutorService callers = Executors.newCachedThreadPool();
        try (VisionGate gate = new VisionGate(1, 0, Duration.ofSeconds(60))) {
            CountDownLatch generating = new CountDownLatch(1);
            Future<Object> caller = callers.submit(() -> {
                try (VisionGate.Slot slot = gate.enter()) {
                    return slot.run(() -> {
                        generating.countDown();
                        // Like the generation loop: stop between decoder calls once interrupted.
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.onSpinWait();
                        }
                        throw new CancellationException();
                    });
                }
            });
            assertThat(generating.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(gate.stopAll()).isEqualTo(1);

            assertThatThrownBy(() -> caller.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(DarkroomException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY));
        } finally {
            callers.shutdownNow();
        }
    }
}
