package org.darkroom.magick.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.ImageHeader;
import org.darkroom.intake.ImageType;

/**
 * One outside tool that turns an input ImageMagick must not (or cannot) read into plain pixels.
 *
 * @param input        the type it decodes
 * @param tool         the executable
 * @param debianPackage where the tool comes from, for the message when it is missing
 * @param output       the plain type it writes, read by ImageMagick under an explicit coder
 * @param readsStdin   whether the input goes in on stdin instead of as a path (a document whose references must
 *                     have nothing to resolve against)
 * @param arguments    the tool's arguments for an input and the file it must write
 * @param size         what the decoded size must be, against the size intake read from the input's header
 */
public record Decoder(ImageType input, Path tool, String debianPackage, ImageType output, boolean readsStdin,
                      Arguments arguments, SizeRule size) {

    /** The tool's arguments. */
    @FunctionalInterface
    public interface Arguments {
        List<String> of(AcceptedImage input, Path output);
    }

    /** How the decoded image's size must relate to the header's. */
    public enum SizeRule {
        /** Exactly the header's: the size is one Darkroom chose and asked for. */
        EXACT,
        /** The header's, or turned a quarter by the image's own orientation. */
        EXACT_OR_TURNED,
        /** No larger than the header's largest directory, either way round: raw developers crop sensor margins. */
        WITHIN_HEADER;

        boolean holds(ImageHeader declared, ImageHeader decoded) {
            int w = decoded.width();
            int h = decoded.height();
            boolean exact = w == declared.width() && h == declared.height();
            boolean turned = w == declared.height() && h == declared.width();
            return switch (this) {
                case EXACT -> exact;
                case EXACT_OR_TURNED -> exact || turned;
                case WITHIN_HEADER -> decoded.pixels() <= declared.largestFramePixels()
                        && Math.max(w, h) <= Math.max(declared.widestFrame(), declared.tallestFrame());
            };
        }
    }

    /** Whether this installation has the tool. */
    public boolean installed() {
        return Files.isExecutable(tool);
    }

    /** The tool's name, for logs and messages. */
    public String name() {
        return tool.getFileName().toString();
    }
}
