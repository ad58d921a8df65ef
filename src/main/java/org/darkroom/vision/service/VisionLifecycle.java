package org.darkroom.vision.service;

import org.apache.camel.support.service.ServiceSupport;

/** Closes the vision model (sessions, tokenizer, gate threads) when Camel stops, after the routes have drained. */
public final class VisionLifecycle extends ServiceSupport {
    private final VisionService vision;

    public VisionLifecycle(VisionService vision) {
        this.vision = vision;
    }

    @Override
    protected void doStop() {
        vision.close();
    }
}
