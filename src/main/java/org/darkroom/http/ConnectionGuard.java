package org.darkroom.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Keeps idle and surplus connections from holding the server's file descriptors, before any key is checked.
 *
 * <p>A connection must send a complete request head within the head timeout, and a kept-alive one its next request
 * within the idle timeout, or it is closed; time spent working on a request never counts. Past
 * {@link ConnectionLimits#maxConnections()} a connection is still accepted (refusing to accept would leave the client
 * hanging in the kernel's queue), its first request is answered {@code 503 busy} with {@code Retry-After}, and it is
 * closed; one that sends nothing is closed within a second.
 */
final class ConnectionGuard {
    private static final long SURPLUS_GRACE_MS = 1000;

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final DoorAnswers answers;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<HttpConnection, Watch> watched = new ConcurrentHashMap<>();
    private volatile boolean sweeping;

    ConnectionGuard(Vertx vertx, ConnectionLimits limits, DoorAnswers answers) {
        this.vertx = vertx;
        this.limits = limits;
        this.answers = answers;
    }

    /** The server's connection handler: counts the connection and starts its head timeout. */
    void opened(HttpConnection connection) {
        startSweeping();
        boolean surplus = open.incrementAndGet() > limits.maxConnections();
        watched.put(connection, new Watch(System.nanoTime(), surplus));
        connection.closeHandler(closed -> {
            watched.remove(connection);
            open.decrementAndGet();
        });
    }

    /** Wraps the server's request handler: notes each request on its connection, and refuses a surplus one. */
    Handler<HttpServerRequest> requests(Handler<HttpServerRequest> handler) {
        return request -> {
            Watch watch = watched.get(request.connection());
            if (watch != null) {
                watch.started(request);
                if (watch.surplus) {
                    answers.refuse(request, 503, new DarkroomException(ErrorCode.BUSY, "Darkroom has too many open"
                            + " connections. Retry shortly, and reuse one connection for many requests."));
                    return;
                }
            }
            handler.handle(request);
        };
    }

    /** Connections open right now. */
    int open() {
        return open.get();
    }

    private void startSweeping() {
        if (sweeping) {
            return;
        }
        synchronized (this) {
            if (!sweeping) {
                long every = Math.max(50, Math.min(1000, Math.min(limits.headTimeoutMs(), limits.idleTimeoutMs()) / 4));
                vertx.setPeriodic(every, id -> sweep());
                sweeping = true;
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        watched.forEach((connection, watch) -> {
            if (watch.expired(now)) {
                connection.close();
            }
        });
    }

    /** One connection: the requests it has in progress, and since when it has had none. */
    private final class Watch {
        private final boolean surplus;
        private final List<HttpServerRequest> active = new ArrayList<>();
        private long idleSince;
        private boolean served;

        Watch(long openedAt, boolean surplus) {
            this.idleSince = openedAt;
            this.surplus = surplus;
        }

        synchronized void started(HttpServerRequest request) {
            active.add(request);
            served = true;
        }

        synchronized boolean expired(long now) {
            active.removeIf(request -> request.response().ended() || request.response().closed());
            if (!active.isEmpty()) {
                idleSince = -1;
                return false;
            }
            if (idleSince < 0) {
                idleSince = now;
            }
            long allowed = surplus ? SURPLUS_GRACE_MS : served ? limits.idleTimeoutMs() : limits.headTimeoutMs();
            return TimeUnit.NANOSECONDS.toMillis(now - idleSince) >= allowed;
        }
    }
}
