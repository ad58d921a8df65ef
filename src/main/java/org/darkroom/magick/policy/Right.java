package org.darkroom.magick.policy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A right an ImageMagick policy rule grants or withholds: read, write or execute. */
public enum Right {
    READ, WRITE, EXECUTE;

    /**
     * Parses a rights expression as policy.xml ({@code "read|write"}, {@code "none"}, {@code "all"}) or
     * {@code -list policy} ({@code "Read Write "}, {@code "None "}) writes it; an empty set means none.
     */
    public static Set<Right> parse(String text) {
        Set<Right> rights = EnumSet.noneOf(Right.class);
        if (text == null) {
            return rights;
        }
        for (String token : text.trim().split("[\\s|,]+")) {
            switch (token.toLowerCase(Locale.ROOT)) {
                case "", "none", "undefined" -> { }
                case "all" -> rights.addAll(EnumSet.allOf(Right.class));
                case "read" -> rights.add(READ);
                case "write" -> rights.add(WRITE);
                case "execute" -> rights.add(EXECUTE);
                default -> throw new IllegalArgumentException("Unknown policy right '" + token + "' in '" + text + "'");
            }
        }
        return rights;
    }
}
