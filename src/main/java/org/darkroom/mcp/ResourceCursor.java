package org.darkroom.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * The opaque {@code nextCursor} of {@code resources/list}: where the walk stopped, as {@code <root>:<a>/<b>/<c>},
 * base64url-encoded. A cursor a client made up can only skip entries: it is compared with names, never resolved.
 */
final class ResourceCursor {
    private ResourceCursor() {
    }

    static String encode(ImageListing.Position position) {
        String text = position.root() + ":" + String.join("/", position.last());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position {@code cursor} names; {@code null} for none; {@code bad_parameter} for one not made here. */
    static ImageListing.Position decode(String cursor, int roots) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            int root = Integer.parseInt(text.substring(0, colon));
            List<String> last = Arrays.asList(text.substring(colon + 1).split("/", -1));
            if (root >= 0 && root < roots && !last.contains("")) {
                return new ImageListing.Position(root, last);
            }
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw new DarkroomException(ErrorCode.BAD_PARAMETER, "The cursor is not one this server gave. Start the"
                + " listing again without a cursor.");
    }
}
