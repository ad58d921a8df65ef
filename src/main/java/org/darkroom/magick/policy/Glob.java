package org.darkroom.magick.policy;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * ImageMagick's policy glob ({@code GlobExpression} in IM7 and IM6 6.9.13+, also in Debian's patched 6.9.11),
 * ported rule for rule so that Darkroom judges a policy the way ImageMagick will.
 *
 * <p>Case-sensitive, as ImageMagick calls it for policies. {@code *} any run, {@code ?} one character,
 * {@code [a-z]} a class (no negation), {@code {A,B}} alternatives each tried as a whole pattern with the rest
 * appended. A backslash followed by any character matches a backslash (ImageMagick's quirk, kept). A null or
 * empty pattern matches everything; a pattern without wildcards that ends in a scene suffix such as
 * {@code [2]} matches nothing.
 */
final class Glob {
    private static final int MAX_DEPTH = 256;
    // Approximates ImageMagick's IsSceneGeometry/IsGeometry test for a trailing "[...]" subimage suffix.
    private static final Pattern SUBIMAGE = Pattern.compile(".+\\[(?=[^\\]]*\\d)[0-9xX+\\-,.%!<>^@ ]+]");

    private Glob() {
    }

    static boolean matches(String expression, String pattern) {
        if (pattern == null) {
            return true;
        }
        int[] e = (expression == null ? "" : expression).codePoints().toArray();
        return glob(e, 0, pattern.codePoints().toArray(), 0, 0);
    }

    private static boolean glob(int[] e, int ei, int[] p, int pi, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        // These checks run on every (sub)pattern, as ImageMagick's recursion does.
        if (pi >= p.length || (p[pi] == '*' && pi + 1 == p.length)) {
            return true;
        }
        String rest = new String(p, pi, p.length - pi);
        if (rest.indexOf('{') < 0 && rest.indexOf('*') < 0 && rest.indexOf('?') < 0
                && SUBIMAGE.matcher(rest).matches()) {
            return false;
        }
        while (pi < p.length) {
            int pc = p[pi];
            boolean exhausted = ei >= e.length;
            if (exhausted && pc != '*' && pc != '{') {
                break;
            }
            switch (pc) {
                case '*' -> {
                    while (pi < p.length && p[pi] == '*') {
                        pi++;
                    }
                    for (; ; ei++) {
                        if (glob(e, ei, p, pi, depth + 1)) {
                            return true;
                        }
                        if (ei >= e.length) {
                            return false;
                        }
                    }
                }
                case '?' -> {
                    pi++;
                    ei++;
                }
                case '[' -> {
                    int close = indexOf(p, ']', pi + 1);
                    if (close < 0 || !inClass(e[ei], p, pi + 1, close)) {
                        return false;
                    }
                    pi = close + 1;
                    ei++;
                }
                case '{' -> {
                    return alternatives(e, ei, p, pi + 1, depth);
                }
                default -> {
                    if (pc == '\\' && ++pi >= p.length) {
                        return false;
                    }
                    // ImageMagick compares the backslash itself, not the escaped character (verified on 6.9.11
                    // Debian: pattern a\*b denies the file a\b and allows a*b); we judge policies as it applies them.
                    if (exhausted || pc != e[ei]) {
                        return false;
                    }
                    pi++;
                    ei++;
                }
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return ei >= e.length && pi >= p.length;
    }

    private static boolean inClass(int c, int[] p, int from, int close) {
        int k = from;
        while (k < close) {
            int code = p[k];
            if (code == '\\') {
                code = p[++k];
            }
            int next = k + 1;
            if (next < close && p[next] == '-') {
                next++;
                int upper = p[next];
                if (upper == '\\') {
                    next++;
                    upper = next < p.length ? p[next] : 0;
                }
                if (c >= code && c <= upper) {
                    return true;
                }
                k = next + 1;
            } else if (c == code) {
                return true;
            } else {
                k++;
            }
        }
        return false;
    }

    /** {@code {A,B}rest}: true when any {@code A+rest} or {@code B+rest} matches what is left of the expression. */
    private static boolean alternatives(int[] e, int ei, int[] p, int from, int depth) {
        int close = from;
        while (close < p.length && p[close] != '}') {
            close += p[close] == '\\' && close + 1 < p.length ? 2 : 1;
        }
        if (from >= p.length || close >= p.length) {
            return false;
        }
        int[] tail = Arrays.copyOfRange(p, close + 1, p.length);
        int start = from;
        for (int k = from; k <= close; k++) {
            if (p[k] == ',' || k == close) {
                int[] sub = new int[k - start + tail.length];
                System.arraycopy(p, start, sub, 0, k - start);
                System.arraycopy(tail, 0, sub, k - start, tail.length);
                if (glob(e, ei, sub, 0, depth + 1)) {
                    return true;
                }
                start = k + 1;
            }
        }
        return false;
    }

    private static int indexOf(int[] p, int c, int from) {
        for (int k = from; k < p.length; k++) {
            if (p[k] == c) {
                return k;
            }
        }
        return -1;
    }
}
