package org.darkroom.fetch;

/**
 * The outcome of a successful fetch: where the body finally came from, how many bytes were stored, and the
 * content type the server declared (a hint only; the type is decided from the bytes).
 */
public record Fetched(String finalUrl, long bytes, String contentType) {
}
