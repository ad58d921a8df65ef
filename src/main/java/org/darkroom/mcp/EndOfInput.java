package org.darkroom.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** An input stream that runs an action, once, when it reaches its end: for stdio, the client has gone. */
final class EndOfInput extends FilterInputStream {
    private final Runnable atEnd;
    private final AtomicBoolean ended = new AtomicBoolean();

    EndOfInput(InputStream in, Runnable atEnd) {
        super(in);
        this.atEnd = atEnd;
    }

    @Override
    public int read() throws IOException {
        return seen(super.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return seen(super.read(buffer, offset, length));
    }

    private int seen(int result) {
        if (result < 0 && ended.compareAndSet(false, true)) {
            atEnd.run();
        }
        return result;
    }
}
