package org.darkroom.vision.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A model bundle that passed {@link ModelTrust#verify}: safe to hand to the bundle reader.
 *
 * @param bundle  the file that was hashed (load exactly this path)
 * @param basis   why it is trusted
 * @param digest  its SHA-256 and size
 * @param known   the manifest entry it is or was unpacked from; empty for a bundle trusted on the user's SHA-256
 * @param hashing how long hashing it took (it is read once in full at every start)
 */
public record VerifiedModel(Path bundle, TrustBasis basis, FileDigest digest, Optional<ManifestEntry> known,
        Duration hashing) {

    /** One line for the start-up log. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s, %.1f MB, SHA-256 %s; hashed in %.1f s)", bundle,
                basis.description(), digest.size() / 1e6, digest.sha256(), hashing.toMillis() / 1000.0);
    }
}
