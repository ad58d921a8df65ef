package org.darkroom.flow;

/** Text from outside (a file name, a path, a URL) made safe to put in one log line: it cannot start a new line. */
public final class LogText {
    private LogText() {
    }

    /** {@code text} with CR, LF, tab and every other control character written as an escape; {@code null} stays. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> safe.append("\\r");
                case '\n' -> safe.append("\\n");
                case '\t' -> safe.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        safe.append(String.format("\\u%04x", (int) c));
                    } else {
                        safe.append(c);
                    }
                }
            }
        }
        return safe.toString();
    }
}
