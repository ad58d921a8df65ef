package org.darkroom.flow;

/**
 * Makes text that came from outside (file names, paths, URLs) safe to put in a log line: it can neither end the
 * line, nor start a forged one, nor drive a terminal.
 *
 * <p>Line breaks, tabs and the backslash get their Java escapes ({@code \n}, {@code \r}, {@code \t}, {@code \\});
 * every other control, format, separator, unassigned or lone-surrogate character becomes {@code \\uXXXX}. Printable
 * text, including letters of every script, passes unchanged, so ordinary names read as they are.
 */
public final class LogText {
    private LogText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            String escape = escape(codePoint);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    private static String escape(int codePoint) {
        switch (codePoint) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return "\\\\";
            case ' ':
                return null;
            default:
                break;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE ->
                    String.format("\\u%04x", codePoint);
            default -> null;
        };
    }
}
