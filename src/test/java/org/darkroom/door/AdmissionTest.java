package org.darkroom.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.junit.jupiter.api.Test;

/** The service's one limit of work in progress: who is refused, who waits, and that every place comes back. */
class AdmissionTest {

    @Test
    void a_caller_who_can_retry_is_refused_at_once_when_every_place_is_held() {
        Admission admission = new Admission(2);
        Admission.Permit first = admission.enterOrRefuse();
        Admission.Permit second = admission.enterOrRefuse();

        assertThat(admission.tryEnter()).isEmpty();
        assertThatThrownBy(admission::enterOrRefuse).isInstanceOfSatisfying(DarkroomException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));

        first.close();
        first.close();
        assertThat(admission.inUse()).as("a place closed twice comes back once").isEqualTo(1);
        assertThat(admission.tryEnter()).isPresent();
        second.close();
    }

    @Test
    void waiting_doors_hold_at_most_half_the_places_so_callers_who_cannot_wait_still_get_in() throws Exception {
        Admission admission = new Admission(4);
        Admission.Permit a = admission.enterWaiting(() -> true);
        Admission.Permit b = admission.enterWaiting(() -> true);
        CompletableFuture<Admission.Permit> third = CompletableFuture.supplyAsync(() -> admission.enterWaiting(() -> true));

        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !third.isDone());
        assertThat(admission.inUse()).isEqualTo(2);
        Admission.Permit interactive = admission.enterOrRefuse();
        Admission.Permit another = admission.enterOrRefuse();
        assertThat(admission.inUse()).isEqualTo(4);

        a.close();
        Admission.Permit waited = third.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(admission.inUse()).isEqualTo(4);
        for (Admission.Permit permit : new Admission.Permit[] {b, interactive, another, waited}) {
            permit.close();
        }
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void a_waiting_job_gives_up_as_not_ready_when_the_service_stops_being_ready() {
        Admission admission = new Admission(1);
        Admission.Permit held = admission.enterOrRefuse();
        AtomicBoolean ready = new AtomicBoolean(true);
        CompletableFuture<Admission.Permit> waiting = CompletableFuture.supplyAsync(() -> admission.enterWaiting(ready::get));
        Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());

        ready.set(false);

        Awaitility.await().atMost(Duration.ofSeconds(2)).until(waiting::isDone);
        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(DarkroomException.class)
                .cause().satisfies(e -> assertThat(((DarkroomException) e).code()).isEqualTo(ErrorCode.NOT_READY));
        held.close();
        assertThat(admission.inUse()).as("the waiter took no place with it").isZero();
    }

    @Test
    void waiting_jobs_that_may_share_a_place_take_one_place_for_as_many_as_share_it() {
        Admission admission = new Admission(4, 3);
        Admission.Permit[] batch = new Admission.Permit[3];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = admission.enterWaiting(() -> true);
        }
        assertThat(admission.inUse()).as("three files of one batch are one piece of work").isEqualTo(1);
        Admission.Permit fourth = admission.enterWaiting(() -> true);
        assertThat(admission.inUse()).as("a full place is not joined").isEqualTo(2);

        batch[0].close();
        batch[1].close();
        assertThat(admission.inUse()).as("held while one of them still works").isEqualTo(2);
        batch[2].close();
        batch[2].close();
        assertThat(admission.inUse()).isEqualTo(1);
        Admission.Permit later = admission.enterWaiting(() -> true);
        assertThat(admission.inUse()).as("joins the place still held, not the one given back").isEqualTo(1);
        fourth.close();
        later.close();
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void a_new_waiting_job_joins_any_place_with_room_before_taking_another() {
        // Room for four waiting places, so a needless third one would be taken rather than waited for.
        Admission admission = new Admission(8, 3);
        Admission.Permit[] first = new Admission.Permit[3];
        for (int i = 0; i < first.length; i++) {
            first[i] = admission.enterWaiting(() -> true);
        }
        Admission.Permit second = admission.enterWaiting(() -> true);
        // Two of the first place's jobs finish; its third still works.
        first[0].close();
        first[1].close();
        assertThat(admission.inUse()).isEqualTo(2);

        Admission.Permit[] more = new Admission.Permit[4];
        for (int i = 0; i < more.length; i++) {
            more[i] = admission.enterWaiting(() -> true);
        }

        assertThat(admission.inUse()).as("both places filled up before a third is taken").isEqualTo(2);
        first[2].close();
        second.close();
        for (Admission.Permit permit : more) {
            permit.close();
        }
        assertThat(admission.inUse()).isZero();
    }
}
