package org.darkroom.http;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.darkroom.intake.WorkArea;

/**
 * Points the server's own multipart handling at the private work area. Flow and MCP bodies never reach it (the
 * {@link BodyGate} receives them into job directories), but any other route with a body handler would otherwise
 * write uploads to a temporary directory shared with other users, or to {@code file-uploads/} in the working
 * directory.
 */
public final class UploadDirectory {
    private UploadDirectory() {
    }

    /** Call while configuring, before the routes (and their body handlers) are created. */
    public static void place(CamelContext context, WorkArea workArea) {
        Path uploads = workArea.root().resolve("uploads");
        for (MainHttpServer server : context.hasServices(MainHttpServer.class)) {
            server.setFileUploadDirectory(uploads.toString());
        }
    }
}
