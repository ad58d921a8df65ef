package org.darkroom.mcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The process's real stdin and stdout, reserved for MCP messages when Darkroom serves MCP over stdio.
 *
 * @param in  where the client's messages arrive
 * @param out where Darkroom's messages go; nothing else may write here
 */
public record StandardStreams(InputStream in, OutputStream out) {
    /** The registry name {@code Darkroom.create} binds the claimed streams under. */
    public static final String BEAN = "darkroomStandardStreams";

    /**
     * Takes stdout for the protocol and points {@link System#out} at stderr.
     *
     * <p>Logs already go to stderr; this also catches whatever a library might print with {@code System.out}, which
     * would otherwise land in the middle of the JSON-RPC stream and break the client.
     */
    public static StandardStreams claim() {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        return new StandardStreams(System.in, protocol);
    }
}
