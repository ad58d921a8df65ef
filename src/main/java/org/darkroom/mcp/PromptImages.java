package org.darkroom.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * The images a prompt argument names: folders (the images directly inside, as {@link ImageListing} sees them) and
 * files, each inside the read roots ({@link PathRoots}), at most {@code max} in all.
 */
final class PromptImages {
    /** The images, as paths the caller's own paths lead to; {@code more} when the limit left some out. */
    record Found(List<Path> images, boolean more) {
    }

    private final PathRoots readRoots;
    private final ImageListing listing;

    PromptImages(PathRoots readRoots, ImageListing listing) {
        this.readRoots = readRoots;
        this.listing = listing;
    }

    /** The images in the folder {@code argument} names, at most {@code max}. */
    Found inFolder(String argument, String given, int max) {
        Path folder = folder(argument, given);
        return found(argument, listing.imagesIn(folder, max + 1).stream().map(ImageListing.Listed::file).toList(),
                max);
    }

    /** The images a list of folders and files (separated by commas or new lines) names, at most {@code max}. */
    Found named(String argument, String given, int max) {
        List<Path> images = new ArrayList<>();
        for (String entry : given.split("[,\\n]")) {
            if (entry.isBlank() || images.size() > max) {
                continue;
            }
            Path path = PathRoots.absolute(argument, entry.trim());
            Path real = readRoots.requireInside(path, argument);
            if (Files.isDirectory(real)) {
                listing.imagesIn(path, max + 1).forEach(image -> images.add(image.file()));
            } else if (Files.isRegularFile(real) && ImageFiles.typeOf(real).isPresent()) {
                images.add(path);
            } else {
                throw new DarkroomException(ErrorCode.UNSUPPORTED_TYPE, "Each entry of " + argument + " must be a"
                        + " folder or an image file Darkroom accepts; " + entry.trim() + " is neither.");
            }
        }
        return found(argument, images, max);
    }

    /** A folder inside the read roots. */
    Path folder(String argument, String given) {
        Path path = PathRoots.absolute(argument, given);
        if (!Files.isDirectory(readRoots.requireInside(path, argument))) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, argument + " must name a folder.");
        }
        return path;
    }

    private static Found found(String argument, List<Path> images, int max) {
        if (images.isEmpty()) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, argument + " holds no image Darkroom accepts (it"
                    + " looks at the images directly inside a folder, not in folders below it).");
        }
        return new Found(List.copyOf(images.subList(0, Math.min(max, images.size()))), images.size() > max);
    }
}
