package org.darkroom.http;

import java.nio.file.Path;

/**
 * A request body received in full into a private file before the route runs; the file lives until the answer is
 * sent.
 *
 * @param file       the raw body, or the one uploaded file of a multipart request; {@code null} when there is none
 * @param bytes      bytes received on the wire
 * @param uploadName the file name a multipart upload declared, else {@code null}
 * @param uploads    file parts in a multipart request (more than one is refused while reading)
 */
record ReceivedBody(Path file, long bytes, String uploadName, int uploads) {
    static ReceivedBody none() {
        return new ReceivedBody(null, 0, null, 0);
    }

    static ReceivedBody raw(Path file, long bytes) {
        return new ReceivedBody(file, bytes, null, 0);
    }
}
