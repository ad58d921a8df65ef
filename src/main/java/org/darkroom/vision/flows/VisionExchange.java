package org.darkroom.vision.flows;

import org.apache.camel.Exchange;
import org.darkroom.flow.FlowExchange;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.vision.encode.ImageEmbeddings;
import org.darkroom.vision.service.VisionGate;

/** The exchange properties the vision route steps hand to each other: the gate slot and the image's encoding. */
final class VisionExchange {
    static final String SLOT = "darkroom.vision.slot";
    /** Read by the route: when it is set after the cache look-up, the image is not encoded again. */
    static final String EMBEDDINGS = "darkroom.vision.embeddings";
    static final String FROM_CACHE = "darkroom.vision.fromCache";

    private VisionExchange() {
    }

    static VisionGate.Slot slot(Exchange exchange) {
        return exchange.getProperty(SLOT, VisionGate.Slot.class);
    }

    static ImageEmbeddings embeddings(Exchange exchange) {
        return exchange.getProperty(EMBEDDINGS, ImageEmbeddings.class);
    }

    static boolean fromCache(Exchange exchange) {
        return exchange.getProperty(FROM_CACHE, false, Boolean.class);
    }

    static AcceptedImage input(Exchange exchange) {
        return exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
    }
}
