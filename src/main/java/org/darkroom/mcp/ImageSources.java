package org.darkroom.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.DeclaredType;
import org.darkroom.intake.Intake;
import org.darkroom.intake.JobDir;
import org.darkroom.fetch.UrlFetcher;

/**
 * Turns a tool call's image source into an accepted input, through the same intake as every other door: a file
 * inside the read roots, a URL fetched under the fetch rules, or decoded {@code data}.
 */
final class ImageSources {
    private final Intake intake;
    private final UrlFetcher fetcher;
    private final PathRoots readRoots;

    ImageSources(Intake intake, UrlFetcher fetcher, PathRoots readRoots) {
        this.intake = intake;
        this.fetcher = fetcher;
        this.readRoots = readRoots;
    }

    AcceptedImage receive(ToolRequest.Source source, JobDir job) {
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
                yield intake.receive(real, DeclaredType.name(given.getFileName().toString()), job);
            }
            case URL -> {
                Path download = job.file("download");
                fetcher.fetch(source.value(), download);
                yield intake.adopt(download, DeclaredType.none(), job);
            }
            case DATA -> {
                DataArgument.Decoded data = DataArgument.decode(source.value());
                yield intake.receive(data.bytes(), data.declared(), job);
            }
        };
    }
}
