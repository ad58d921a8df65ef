package org.darkroom.startup;

import org.apache.camel.support.service.ServiceSupport;

/** Closes something of Darkroom's own when Camel stops, so it can live in a package that knows no Camel. */
public final class ClosedOnStop extends ServiceSupport {
    private final AutoCloseable resource;

    public ClosedOnStop(AutoCloseable resource) {
        this.resource = resource;
    }

    @Override
    protected void doStop() throws Exception {
        resource.close();
    }
}
