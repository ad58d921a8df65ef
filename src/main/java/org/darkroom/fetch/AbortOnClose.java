package org.darkroom.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * An HttpClient exec-chain step after which closing a response body before its end aborts the connection
 * instead of reading the rest.
 *
 * <p>HttpClient's own close, and camel-http's on-completion {@code EntityUtils.consume}, read the body to its
 * end so the connection can be reused, which against an endless body never finishes. Dropping one connection
 * is cheap, so every close path drops it. (A body closed exactly at its end still returns the connection.)
 */
final class AbortOnClose implements ExecChainHandler {

    static final String NAME = "darkroom-abort-on-close";

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpResponse response = chain.proceed(request, scope);
        HttpEntity entity = response.getEntity();
        if (entity != null && entity.isStreaming()) {
            response.setEntity(new Entity(entity));
        }
        return response;
    }

    private static final class Entity extends HttpEntityWrapper {
        private Body body;

        Entity(HttpEntity wrapped) {
            super(wrapped);
        }

        // One stream per entity: the wrapped entity hands out a fresh one per call, and each would drain on close.
        @Override
        public synchronized InputStream getContent() throws IOException {
            if (body == null) {
                body = new Body(super.getContent());
            }
            return body;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            getContent().close();
        }
    }

    private static final class Body extends FilterInputStream {
        private boolean ended;

        Body(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            // HttpClient ties each body to its connection with an EofSensorInputStream; abort() closes that
            // connection's socket instead of reading to the end, and never returns it to the pool.
            if (!ended && in instanceof EofSensorInputStream sensor) {
                sensor.abort();
            } else {
                in.close();
            }
        }
    }
}
