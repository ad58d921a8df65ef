package org.darkroom.vision.model;

import java.net.URI;

/**
 * One official bundle Darkroom knows: the {@code .mf.gz} published at {@code url}, identified by its
 * {@code size} and {@code sha256}, and the name of the {@code .mf} it unpacks to.
 *
 * @param name     the short name {@code ./darkroom fetch-model NAME} takes, such as {@code 0.5b}
 * @param file     the published file name, such as {@code moondream-0_5b-int8.mf.gz}
 * @param unpacked the file name of the gunzipped bundle, such as {@code moondream-0_5b-int8.mf}
 */
public record ManifestEntry(String name, String file, URI url, long size, String sha256, String unpacked) {
    /** The size and SHA-256 of the published {@code .gz}. */
    public FileDigest digest() {
        return new FileDigest(sha256, size);
    }
}
