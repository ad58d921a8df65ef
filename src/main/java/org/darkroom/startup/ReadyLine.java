package org.darkroom.startup;

/** The line logged once every door is open. Scripts and tests wait for its text, so the text does not change. */
public final class ReadyLine {
    public static final String TEXT = "Darkroom is ready";

    private ReadyLine() {
    }
}
