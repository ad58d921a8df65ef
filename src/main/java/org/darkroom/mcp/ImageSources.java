package org.darkroom.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import org.darkroom.door.ImageSource;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Reads a tool call's image source into an {@link ImageSource}: a file inside the read roots, a URL (fetched later,
 * under the fetch rules, like every door's), or {@code data} decoded as intake reads it.
 */
final class ImageSources {
    private final PathRoots readRoots;

    ImageSources(PathRoots readRoots) {
        this.readRoots = readRoots;
    }

    ImageSource read(ToolRequest.Source source) {
        return switch (source.kind()) {
            case PATH -> {
                Path given = PathRoots.absolute("path", source.value());
                Path real = readRoots.requireInside(given, "path");
                if (!Files.isRegularFile(real)) {
                    // A folder cannot be an image; a FIFO or device inside a root could block the read forever.
                    throw new DarkroomException(ErrorCode.BAD_PARAMETER, "path names a folder or a special file,"
                            + " not an image file.");
                }
                // The name the caller used is their claim about the type; the bytes must agree with it.
                yield ImageSource.file(real, given.getFileName().toString());
            }
            case URL -> ImageSource.url(source.value());
            case DATA -> {
                // A bad data: URI header is refused here; the base64 text becomes bytes only as intake copies them.
                DataArgument.Decoded data = DataArgument.decode(source.value());
                yield ImageSource.data(data::bytes, data.declared());
            }
        };
    }
}
