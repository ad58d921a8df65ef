package org.darkroom.vision.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What {@code fetch-model} verified, kept next to the {@code .mf} it unpacked as {@code NAME.mf.verified}: the
 * published {@code .gz} it came from (as listed in the manifest) and the SHA-256 and size of the unpacked file.
 *
 * <p>The official hashes are those of the {@code .gz}; nobody publishes the {@code .mf}'s. This record carries
 * the trust across the unpack, so the service can check the {@code .mf} it loads without the {@code .gz}.
 */
public record FetchRecord(
        @JsonProperty("source_file") String sourceFile,
        @JsonProperty("source_sha256") String sourceSha256,
        @JsonProperty("source_size") long sourceSize,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("size") long size) {

    static final String SUFFIX = ".verified";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static FetchRecord of(ManifestEntry source, FileDigest unpacked) {
        return new FetchRecord(source.file(), source.sha256(), source.size(), unpacked.sha256(), unpacked.size());
    }

    /** Where the record of {@code bundle} lives. */
    public static Path pathFor(Path bundle) {
        return bundle.resolveSibling(bundle.getFileName() + SUFFIX);
    }

    /** The record next to {@code bundle}, or empty when there is none; an unusable one is an IOException. */
    static Optional<FetchRecord> readFor(Path bundle) throws IOException {
        Path path = pathFor(bundle);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        FetchRecord record = JSON.readValue(path.toFile(), FetchRecord.class);
        try {
            record.source();
            record.unpacked();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(path + " does not hold a SHA-256 and size for both files", e);
        }
        return Optional.of(record);
    }

    /** Written aside and renamed, so a record is never seen half-written. */
    void writeFor(Path bundle) throws IOException {
        Path path = pathFor(bundle);
        Path part = path.resolveSibling(path.getFileName() + ".part");
        try {
            JSON.writeValue(part.toFile(), this);
            Files.move(part, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    FileDigest source() {
        return new FileDigest(sourceSha256, sourceSize);
    }

    FileDigest unpacked() {
        return new FileDigest(sha256, size);
    }
}
