package org.darkroom.testing;

import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SharedDarkroom} reached at {@code /mcp} by the MCP SDK's own client, for all the tests of a class:
 * register it as a static field with {@code @RegisterExtension} and the class's {@link SharedDarkroom.Setup}.
 */
public final class McpOverHttp implements BeforeAllCallback, AfterAllCallback {
    private final SharedDarkroom darkroom;
    private McpSyncClient client;

    public McpOverHttp(SharedDarkroom.Setup setup) {
        this.darkroom = new SharedDarkroom(setup);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        darkroom.beforeAll(context);
        client = McpClients.connect(McpClients.http(darkroom.darkroom().port()), progress -> { });
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (client != null) {
                client.closeGracefully();
            }
        } finally {
            darkroom.afterAll(context);
        }
    }

    public McpSyncClient client() {
        return client;
    }

    /** The class's folder, where {@link SharedDarkroom.Setup} made its files. */
    public Path dir() {
        return darkroom.dir();
    }
}
