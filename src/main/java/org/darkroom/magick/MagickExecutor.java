package org.darkroom.magick;

import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.impl.DefaultExecCommandExecutor;
import org.apache.commons.exec.DefaultExecutor;

/** camel-exec's executor with the processes tracked by {@link RunningMagick} instead of a JVM shutdown hook. */
public final class MagickExecutor extends DefaultExecCommandExecutor {
    /** The bean name the {@code magick} route's exec endpoint refers to. */
    public static final String BEAN = "magickExecutor";

    private final RunningMagick running;

    public MagickExecutor(RunningMagick running) {
        this.running = running;
    }

    @Override
    protected DefaultExecutor prepareDefaultExecutor(ExecCommand command) {
        DefaultExecutor executor = super.prepareDefaultExecutor(command);
        executor.setProcessDestroyer(running);
        return executor;
    }
}
