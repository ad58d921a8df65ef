package org.darkroom.doors;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * Provokes {@code busy} the same way at every door that can answer it: a slow call holds the service's one place
 * while quick calls are made until one is refused. The slow call and the first quick call race for the place; when
 * the slow one loses (it is itself refused), it is simply made again, so the answer returned is always a quick
 * call refused while a slow one held the place.
 */
final class OneTooMany {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private OneTooMany() {
    }

    /** The refused quick answer; fails if none was refused before the deadline. */
    static <T> T provoke(Supplier<T> slow, Supplier<T> quick, Predicate<T> refused) {
        AtomicReference<CompletableFuture<T>> holder = new AtomicReference<>(CompletableFuture.supplyAsync(slow));
        AtomicReference<T> answer = new AtomicReference<>();
        try {
            Awaitility.await().atMost(DEADLINE).until(() -> {
                T quickAnswer = quick.get();
                if (refused.test(quickAnswer)) {
                    answer.set(quickAnswer);
                    return true;
                }
                CompletableFuture<T> held = holder.get();
                if (held.isDone()) {
                    // The quick call had the place first, or the slow call ended before any quick one was refused.
                    held.join();
                    holder.set(CompletableFuture.supplyAsync(slow));
                }
                return false;
            });
        } finally {
            // The place must be free again for the next row, whatever happened here.
            holder.get().handle((done, failure) -> done).join();
        }
        return answer.get();
    }
}
