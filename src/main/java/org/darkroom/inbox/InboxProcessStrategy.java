package org.darkroom.inbox;

import java.io.File;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.darkroom.door.JobExchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.strategy.FileProcessStrategyFactory;
import org.apache.camel.support.service.ServiceHelper;

/**
 * camel-file's own move-and-read-lock strategy for each inbox, plus one way out it lacks: a failed file marked
 * {@link #leaveInInbox} is released where it lies instead of being moved to {@code failed/}, to be picked up again.
 * And one check: a file is begun only if it still exists once its read lock is held.
 *
 * <p>camel-file checks that before it takes the lock, and its {@code changed} check passes a file that is gone. A
 * cluster node that listed a file just before another node archived it could take the lease the moment the other
 * let go (after the release delay) and work on a file that is no longer there; on one instance, a file its owner
 * deleted after the poll would end in {@code failed/} with a record for nothing.
 *
 * <p>That is how a job the stop cut short, or one the full disk refused, leaves its input untouched in the inbox,
 * free for any node to take again.
 * camel-file moves every failed file to {@code moveFailed} otherwise; a rename onto the file itself would delete it.
 */
public final class InboxProcessStrategy implements GenericFileProcessStrategy<File> {
    /** The bean name the inbox template refers to. */
    public static final String BEAN = "inboxProcessStrategy";
    private static final FileProcessStrategyFactory FACTORY = new FileProcessStrategyFactory();

    private final Map<GenericFileEndpoint<File>, GenericFileProcessStrategy<File>> strategies = new ConcurrentHashMap<>();

    /** Marks the exchange's file to stay in its inbox whatever the outcome; it is retried at a later poll. */
    public static void leaveInInbox(Exchange exchange) {
        JobExchange.leftForLater(exchange);
    }

    /** Whether the exchange's file was marked to stay in its inbox. */
    public static boolean isLeftInInbox(Exchange exchange) {
        return JobExchange.left(exchange);
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint)
            throws Exception {
        strategy(endpoint).prepareOnStartup(operations, endpoint);
    }

    @Override
    public boolean begin(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint, Exchange exchange,
                         GenericFile<File> file) throws Exception {
        if (!strategy(endpoint).begin(operations, endpoint, exchange, file)) {
            return false;
        }
        if (file.getFile().exists()) {
            return true;
        }
        // camel-file aborts a file it cannot begin, which keeps a clustered read lock's key (see forgetLease).
        forgetLease(endpoint, exchange, file);
        return false;
    }

    @Override
    public void abort(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint, Exchange exchange,
                      GenericFile<File> file) throws Exception {
        strategy(endpoint).abort(operations, endpoint, exchange, file);
    }

    @Override
    public void commit(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint, Exchange exchange,
                       GenericFile<File> file) throws Exception {
        strategy(endpoint).commit(operations, endpoint, exchange, file);
    }

    @Override
    public void rollback(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint, Exchange exchange,
                         GenericFile<File> file) throws Exception {
        if (isLeftInInbox(exchange)) {
            // What an abort does: release the read lock and the file's resources, move nothing.
            strategy(endpoint).abort(operations, endpoint, exchange, file);
            forgetLease(endpoint, exchange, file);
        } else {
            strategy(endpoint).rollback(operations, endpoint, exchange, file);
        }
    }

    /**
     * Ends a cluster node's lease on the file. camel-file's abort keeps the key of a clustered read lock (only commit
     * and rollback remove it), so this node would renew the lease for as long as it runs, and no node, this one
     * included, could take the file again.
     */
    private static void forgetLease(GenericFileEndpoint<File> endpoint, Exchange exchange, GenericFile<File> file) {
        IdempotentRepository leases = endpoint.getIdempotentRepository();
        if (leases != null) {
            leases.remove(exchange, file.getAbsoluteFilePath());
        }
    }

    /** The strategy camel-file would have made for this endpoint from its move, moveFailed and readLock options. */
    private GenericFileProcessStrategy<File> strategy(GenericFileEndpoint<File> endpoint) {
        return strategies.computeIfAbsent(endpoint, e -> {
            GenericFileProcessStrategy<File> strategy = FACTORY.createGenericFileProcessStrategy(e.getCamelContext(),
                    options(e));
            // As camel-file's consumer does with the strategy it holds.
            if (strategy instanceof CamelContextAware aware) {
                aware.setCamelContext(e.getCamelContext());
            }
            ServiceHelper.startService(strategy);
            return strategy;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(GenericFileEndpoint<File> endpoint) {
        // camel-file passes its factory exactly this map; it keeps the method to itself, so it is read reflectively.
        try {
            Method method = GenericFileEndpoint.class.getDeclaredMethod("getParamsAsMap");
            method.setAccessible(true);
            return (Map<String, Object>) method.invoke(endpoint);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("camel-file no longer offers its endpoint options", e);
        }
    }
}
