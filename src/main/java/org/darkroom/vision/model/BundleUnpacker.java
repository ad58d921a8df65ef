package org.darkroom.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Gunzips a verified {@code .mf.gz} and hashes the result in the same pass: the service loads the {@code .mf},
 * and its SHA-256 is what ties it back to the published {@code .gz} (see {@link FetchRecord}).
 */
final class BundleUnpacker {
    private BundleUnpacker() {
    }

    /** Writes the gunzipped {@code gz} to {@code target}; the caller deletes {@code target} on failure. */
    static FileDigest unpack(Path gz, Path target) throws FetchFailure {
        Sha256Counter counter = new Sha256Counter();
        byte[] buffer = new byte[FileDigest.BUFFER_BYTES];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), FileDigest.BUFFER_BYTES);
             OutputStream out = FetchFiles.openForWriting(target)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                FetchFiles.write(out, buffer, n, target);
                counter.update(buffer, 0, n);
            }
        } catch (IOException e) {
            // The .gz matched the manifest's SHA-256, so a bad gzip stream is the manifest's fault, not the download's.
            throw new FetchFailure("The bundle " + gz.getFileName() + " matches the manifest but does not unpack ("
                    + FetchFiles.describe(e) + "): the manifest lists a file that is not a gzipped bundle; "
                    + "report it, or fetch another bundle.", e);
        }
        return counter.result();
    }
}
