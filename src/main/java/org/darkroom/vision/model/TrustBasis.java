package org.darkroom.vision.model;

/** Why Darkroom accepted a model bundle. */
public enum TrustBasis {
    /** The file is an official {@code .mf.gz} listed in the manifest (its SHA-256 and size match an entry). */
    MANIFEST("an official bundle listed in the model manifest"),
    /** The file is a {@code .mf} that {@code fetch-model} unpacked from a listed bundle, unchanged since. */
    FETCH_RECORD("unpacked by ./darkroom fetch-model from an official bundle"),
    /** The file matched the SHA-256 the user gave ({@code --model-sha256} or {@code DARKROOM_MODEL_SHA256}). */
    USER_SHA256("matches the SHA-256 given with --model-sha256 or DARKROOM_MODEL_SHA256");

    private final String description;

    TrustBasis(String description) {
        this.description = description;
    }

    /** A phrase for the start-up log: "the model is ...". */
    public String description() {
        return description;
    }
}
