package org.darkroom.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import org.apache.camel.CamelContext;
import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.darkroom.config.Settings;

/**
 * Where the HTTP door listens, checked before anything else starts: a port from 1 to 65535 (0, "any free port",
 * is refused: a service nobody can find is no use, and junk must not turn into it), an address that is an IP
 * literal or a name that resolves, and a port nobody else holds.
 *
 * @param host the address to bind, as the user wrote it
 * @param port the port to bind
 */
public record HttpAddress(String host, int port) {
    public static final String HOST = "darkroom.http.host";
    public static final String PORT = "darkroom.http.port";

    /** The port alone: it is checked even with the HTTP door closed, a wrong value is wrong wherever it is. */
    public static int port(Settings settings) {
        String value = settings.requiredText(PORT);
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw Settings.invalid(PORT, "must be a port number from 1 to 65535, not '" + value + "'");
    }

    public static HttpAddress read(Settings settings) {
        int port = port(settings);
        String host = settings.requiredText(HOST);
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw Settings.invalid(HOST, "must be an IP address or a host name that resolves, not '" + host + "'");
        }
        return new HttpAddress(host, port);
    }

    /**
     * Binds the port for a moment, as the HTTP server will (address reuse on, so a port in TIME_WAIT is fine), to
     * refuse a busy port before any inbox is watched or any model loaded.
     */
    public void ensureFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw busy(e);
        }
    }

    /**
     * After the server started: it must really be listening. Camel's Vert.x server logs a failed bind and carries
     * on, so two instances started at the same moment would otherwise both pass {@link #ensureFree()}.
     *
     * <p>Vert.x says whether a server listens only on its implementation class ({@code actualPort()} answers the
     * port asked for even after a failed bind); should that class change, this check is skipped, not failed.
     */
    public void ensureListening(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server != null && server.getServer() instanceof TCPServerBase vertx && !vertx.isListening()) {
            throw busy(null);
        }
    }

    private StartupRefusal busy(IOException cause) {
        String reason = cause == null || cause.getMessage() == null ? "Address already in use" : cause.getMessage();
        String fix = reason.contains("in use") ? "another process holds the port; stop it, or choose another with --port"
                : reason.contains("assign") ? "the address is not one of this machine's; choose another with --host"
                : "choose another port with --port, or another address with --host";
        return new StartupRefusal("Darkroom cannot listen on " + host + ":" + port + " (" + reason + "): " + fix + ".",
                cause);
    }
}
