package org.darkroom.magick;

import java.util.List;
import java.util.Locale;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Maps a failed ImageMagick run to a stable code from its stderr; the stderr itself never reaches a user.
 *
 * <p>Matching is on the stable parts of ImageMagick's messages (IM6 and IM7 share them), most specific first.
 */
final class MagickErrors {
    private record Rule(ErrorCode code, String publicMessage, List<String> markers) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(ErrorCode.POLICY_DENIED, null, List.of("not authorized", "security policy")),
            new Rule(ErrorCode.TIMEOUT, "ImageMagick's time limit was reached. Send a smaller image or raise"
                    + " the limit.", List.of("time limit exceeded")),
            new Rule(ErrorCode.TOO_MANY_PIXELS, "The image exceeds ImageMagick's width, height or memory limits."
                    + " Send a smaller image.", List.of("exceeds limit", "resources exhausted", "memory allocation failed",
                    // what libpng and others say when the process reaches its address-space cap (prlimit --as)
                    "insufficient memory")),
            new Rule(ErrorCode.UNDECODABLE, null, List.of("corrupt", "premature end", "improper image header",
                    "insufficient image data", "unexpected end", "negative or zero image size", "not a ",
                    "no decode delegate", "decode", "unable to read", "truncated", "invalid", "bad ")),
            // ImageMagick 6's PNG and HEIC/AVIF readers refuse an image past the per-job width and height limits
            // without a reason of their own, leaving only this line; the limits come from the header, so the
            // decoder found more pixels than the header declared (or, for a damaged HEIC, could not say why).
            new Rule(ErrorCode.TOO_MANY_PIXELS, "The image decodes to more pixels than its header declares, or could"
                    + " not be decoded at the size it declares. Send a valid image within the pixel limit.",
                    List.of("no images defined")));

    private MagickErrors() {
    }

    static DarkroomException classify(String stderr, boolean ranOutOfTime) {
        if (ranOutOfTime) {
            return new DarkroomException(ErrorCode.TIMEOUT, null, "killed after the exec timeout");
        }
        String lower = stderr.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.markers().stream().anyMatch(lower::contains)) {
                return new DarkroomException(rule.code(), rule.publicMessage(), stderr);
            }
        }
        return new DarkroomException(ErrorCode.PROCESSING_FAILED, null, stderr);
    }
}
