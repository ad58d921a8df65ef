package org.darkroom.vision.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides at start-up whether a model bundle may be loaded. The service never downloads anything; it loads
 * only a file it can tie to a published hash or to a hash the user vouched for.
 *
 * <p>Call {@link #locate} first: an empty answer means there is no model and the service runs without vision.
 * Then {@link #verify} the path it found, which reads the whole file once (about 660 MB for the 0.5B bundle).
 */
public final class ModelTrust {
    private static final String FETCH = "fetch one with ./darkroom fetch-model";

    private ModelTrust() {
    }

    /**
     * The bundle to load, or empty when there is none (the service then reports {@code model_missing}).
     *
     * @param chosen    what the user named ({@code --model} or {@code DARKROOM_MODEL}); when given it is the only
     *                  candidate, so a typo shows up as a missing model rather than another model being used
     * @param modelsDir where {@code fetch-model} puts bundles; searched in manifest order (the default first),
     *                  unpacked {@code .mf} before a kept {@code .mf.gz}
     */
    public static Optional<Path> locate(Optional<Path> chosen, Path modelsDir, ModelManifest manifest) {
        if (chosen.isPresent()) {
            return chosen.filter(Files::isRegularFile);
        }
        return manifest.entries().stream()
                .flatMap(entry -> Stream.of(entry.unpacked(), entry.file()))
                .map(modelsDir::resolve)
                .filter(Files::isRegularFile)
                .findFirst();
    }

    /**
     * Hashes {@code bundle} once and accepts it when any of these holds, in this order: its SHA-256 and size are
     * those of a {@code .mf.gz} in the manifest; a {@link FetchRecord} next to it records exactly this content,
     * unpacked from a bundle in the manifest; it matches {@code userSha256}. A {@code userSha256} that is given
     * must match in every case: the user said what they expect, and loading something else would surprise them.
     *
     * @throws UntrustedModelException with a message naming the fix, when none holds or the file cannot be read
     */
    public static VerifiedModel verify(Path bundle, Optional<String> userSha256, ModelManifest manifest) {
        Optional<String> expected = expected(bundle, userSha256);
        if (!Files.isRegularFile(bundle)) {
            throw new UntrustedModelException("There is no model bundle at " + bundle
                    + ": correct --model or DARKROOM_MODEL, or " + FETCH + ".");
        }
        long start = System.nanoTime();
        FileDigest actual;
        try {
            actual = FileDigest.of(bundle);
        } catch (IOException e) {
            throw new UntrustedModelException("The model bundle " + bundle + " cannot be read (" + e.getMessage()
                    + "): check its permissions, or " + FETCH + ".", e);
        }
        return judge(bundle, actual, Duration.ofNanos(System.nanoTime() - start), expected, manifest);
    }

    /**
     * {@link #verify(Path, Optional, ModelManifest)} for a digest the caller already has: the service hashes the
     * bundle while reading it into memory, so the bytes judged are the bytes loaded and the file is read once.
     *
     * @param hashing how long producing {@code actual} took, for the log
     */
    public static VerifiedModel verify(Path bundle, FileDigest actual, Duration hashing, Optional<String> userSha256,
                                       ModelManifest manifest) {
        return judge(bundle, actual, hashing, expected(bundle, userSha256), manifest);
    }

    private static Optional<String> expected(Path bundle, Optional<String> userSha256) {
        return userSha256.map(given -> {
            String normalised = FileDigest.normalise(given);
            if (normalised == null) {
                throw new UntrustedModelException("The SHA-256 given for " + bundle + " (\"" + given
                        + "\") is not 64 hexadecimal digits: correct --model-sha256 or DARKROOM_MODEL_SHA256.");
            }
            return normalised;
        });
    }

    private static VerifiedModel judge(Path bundle, FileDigest actual, Duration hashing, Optional<String> expected,
                                       ModelManifest manifest) {
        if (expected.isPresent() && !expected.get().equals(actual.sha256())) {
            throw new UntrustedModelException("The model bundle " + bundle + " has SHA-256 " + actual.sha256()
                    + ", not " + expected.get() + " as given with --model-sha256 or DARKROOM_MODEL_SHA256: "
                    + "copy the bundle again, or correct the SHA-256.");
        }
        Optional<ManifestEntry> listed = manifest.byDigest(actual);
        if (listed.isPresent()) {
            return new VerifiedModel(bundle, TrustBasis.MANIFEST, actual, listed, hashing);
        }
        Optional<ManifestEntry> fetched = fetchedFrom(bundle, actual, manifest, expected.isPresent());
        if (fetched.isPresent()) {
            return new VerifiedModel(bundle, TrustBasis.FETCH_RECORD, actual, fetched, hashing);
        }
        if (expected.isPresent()) {
            return new VerifiedModel(bundle, TrustBasis.USER_SHA256, actual, Optional.empty(), hashing);
        }
        throw new UntrustedModelException("The model bundle " + bundle + " (SHA-256 " + actual.sha256()
                + ") is not a bundle Darkroom knows; give its SHA-256 with --model-sha256 or DARKROOM_MODEL_SHA256, "
                + "or " + FETCH + ".");
    }

    /**
     * The manifest entry {@code bundle} was unpacked from, according to its fetch record. A record that no longer
     * matches means the file changed after it was verified: refused outright, unless the user vouched for the
     * file's current content with a SHA-256 of their own (then the record is simply not the reason to trust it).
     */
    private static Optional<ManifestEntry> fetchedFrom(Path bundle, FileDigest actual, ModelManifest manifest,
            boolean userVouched) {
        Optional<FetchRecord> record;
        try {
            record = FetchRecord.readFor(bundle);
        } catch (IOException e) {
            if (userVouched) {
                return Optional.empty();
            }
            throw new UntrustedModelException("The record " + FetchRecord.pathFor(bundle) + " cannot be read ("
                    + e.getMessage() + "): " + FETCH + " again.", e);
        }
        if (record.isEmpty() || userVouched && !record.get().unpacked().equals(actual)) {
            return Optional.empty();
        }
        if (!record.get().unpacked().equals(actual)) {
            throw new UntrustedModelException("The model bundle " + bundle + " has changed since ./darkroom "
                    + "fetch-model verified it (SHA-256 " + actual.sha256() + ", " + actual.size() + " bytes; recorded "
                    + record.get().sha256() + ", " + record.get().size() + " bytes): " + FETCH + " again.");
        }
        Optional<ManifestEntry> source = manifest.byDigest(record.get().source());
        if (source.isEmpty() && !userVouched) {
            throw new UntrustedModelException("The model bundle " + bundle + " was unpacked from "
                    + record.get().sourceFile() + " (SHA-256 " + record.get().sourceSha256()
                    + "), which the model manifest " + manifest.source() + " does not list: " + FETCH + " again, "
                    + "or give its SHA-256 with --model-sha256 or DARKROOM_MODEL_SHA256.");
        }
        return source;
    }
}
