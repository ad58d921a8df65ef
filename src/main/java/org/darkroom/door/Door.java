package org.darkroom.door;

/**
 * The ways a request reaches Darkroom, and what each does when the service cannot take more work: the
 * interactive doors refuse at once ({@code busy}, {@code not_ready}) so their caller can retry; the drop folder
 * waits, because its input is already safely on disk and nobody is waiting for an answer.
 */
public enum Door {
    HTTP("http", false),
    MCP("mcp", false),
    INBOX("inbox", true);

    private final String label;
    private final boolean waits;

    Door(String label, boolean waits) {
        this.label = label;
        this.waits = waits;
    }

    /** The name in log lines, metrics tags and records. */
    public String label() {
        return label;
    }

    /** Whether work from this door waits for a free place instead of being refused {@code busy}. */
    public boolean waits() {
        return waits;
    }
}
