package org.darkroom.inbox;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * A cluster node's hold on an inbox file, asked before anything of the job is committed. A node that could not
 * renew its lease for longer than a lease (the cluster database did not answer it) may have lost the file to
 * another node, which then works on it too; whichever of them can no longer prove its lease commits nothing, so
 * the file gets one set of outputs and one record, from the node that holds it. A single instance holds every file
 * it took.
 */
final class InboxLeases {
    static final String LOST = "This node's lease on the file ran out before the job ended (the cluster database "
            + "did not answer it for longer than a lease), so another node may have it: nothing of this job was kept, "
            + "and the file is left to the node that holds it.";

    private InboxLeases() {
    }

    /** Whether this node may still commit what it did with the exchange's file. */
    static boolean stillHeld(Exchange exchange) {
        IdempotentRepository leases = leases(exchange.getFromEndpoint());
        return leases == null
                || leases.confirm(exchange, exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
    }

    /** Throws {@code not_ready} (the file stays where it is, see {@link InboxDoor#reject}) unless still held. */
    static void requireHeld(Exchange exchange) {
        if (!stillHeld(exchange)) {
            throw new DarkroomException(ErrorCode.NOT_READY, LOST, "lease lost before the outputs were committed");
        }
    }

    /** The inbox's lease repository, or {@code null} on a single instance. */
    private static IdempotentRepository leases(Endpoint endpoint) {
        return endpoint instanceof GenericFileEndpoint<?> files ? files.getIdempotentRepository() : null;
    }
}
