package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ListResourcesResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.intake.ImageType;
import org.darkroom.intake.TypeSniffer;

/**
 * The image files in the read and write roots as MCP resources: listed a page at a time with {@code file://} URIs
 * and the type read from their bytes, and read whole as a base64 blob, within the byte limit.
 *
 * <p>A URI is read only when its file resolves, every link followed, inside a root ({@link PathRoots}); anything
 * else is {@code path_denied}, whether it exists or not. Refusals name the settings, never a path the caller did
 * not give.
 */
final class ImageResources {
    /** Matches every {@code file:} URI (RFC 6570 reserved expansion keeps the slashes of the path). */
    static final String TEMPLATE = "file://{+path}";
    private static final String ROOTS = McpDoors.READ_ROOTS + " and " + McpDoors.WRITE_ROOTS;

    private final PathRoots roots;
    private final ImageListing listing;
    private final long maxBytes;

    ImageResources(List<Path> readRoots, List<Path> writeRoots, long maxBytes) {
        List<Path> all = new ArrayList<>(readRoots);
        all.addAll(writeRoots);
        this.roots = PathRoots.reading(ROOTS, all);
        this.listing = new ImageListing(all, maxBytes);
        this.maxBytes = maxBytes;
    }

    static ResourceTemplate template() {
        return ResourceTemplate.builder(TEMPLATE, "image-file").title("An image file in Darkroom's roots")
                .description("Any image file inside " + ROOTS + ", read as a base64 blob of at most the byte limit"
                        + " (darkroom.limits.max-bytes). resources/list names the ones there are.")
                .build();
    }

    /**
     * One page of {@code resources/list}: {@code first} (the catalog) on the first page, then the images from where
     * {@code cursor} says the previous page stopped.
     */
    ListResourcesResult list(String cursor, List<Resource> first) {
        ImageListing.Page page = listing.page(ResourceCursor.decode(cursor, listing.roots()));
        List<Resource> resources = new ArrayList<>(cursor == null ? first : List.of());
        for (ImageListing.Listed image : page.images()) {
            resources.add(Resource.builder(image.file().toUri().toString(), image.name())
                    .mimeType(image.type().mimeType()).size(image.bytes()).build());
        }
        return ListResourcesResult.builder(resources)
                .nextCursor(page.next() == null ? null : ResourceCursor.encode(page.next())).build();
    }

    /** {@code resources/read} of a {@code file:} URI: the image's bytes and the type they show. */
    ReadResourceResult read(String uri) {
        Path real = inside(fileOf(uri));
        byte[] bytes = bytes(real);
        ImageType type = ImageFiles.typeOf(real, bytes, Math.min(bytes.length, TypeSniffer.HEAD_BYTES))
                .orElseThrow(() -> new DarkroomException(ErrorCode.UNSUPPORTED_TYPE, "The file is not an image"
                        + " Darkroom accepts (it reads the type from the bytes, never the name), so it is no resource.",
                        "resource " + real + " is not an accepted image"));
        return new ReadResourceResult(List.of(new BlobResourceContents(uri, type.mimeType(),
                Base64.getEncoder().encodeToString(bytes))));
    }

    private static Path fileOf(String uri) {
        try {
            URI parsed = new URI(uri);
            // No normalising: ".." after a link means the link target's parent, which toRealPath gets right.
            if ("file".equalsIgnoreCase(parsed.getScheme())) {
                return Path.of(parsed);
            }
        } catch (Exception e) {
            // reported below: a URI with a host, a query or bad escapes, or no URI at all
        }
        throw new DarkroomException(ErrorCode.BAD_PARAMETER, "Give the URI of a file as resources/list names it,"
                + " such as file:///home/me/Pictures/photo.jpg.");
    }

    private Path inside(Path given) {
        Path real;
        try {
            real = roots.requireInside(given, "uri");
        } catch (DarkroomException e) {
            throw denied(e.detail());
        }
        if (!Files.isRegularFile(real)) {
            throw denied("resource " + real + " is not a regular file");
        }
        return real;
    }

    private static DarkroomException denied(String detail) {
        return new DarkroomException(ErrorCode.PATH_DENIED, "No image resource has this URI: the file does not exist,"
                + " is not a file, or is outside the folders Darkroom may read or write (" + ROOTS + ").", detail);
    }

    /** The whole file, refused past the byte limit while reading (it may have grown since it was listed). */
    private byte[] bytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new DarkroomException(ErrorCode.TOO_LARGE, "The file is larger than the byte limit ("
                        + maxBytes + " bytes, darkroom.limits.max-bytes); Darkroom serves no larger resource.",
                        "resource " + file + " is over " + maxBytes + " bytes");
            }
            if (bytes.length == 0) {
                throw new DarkroomException(ErrorCode.EMPTY_INPUT, "The file is empty, so it is no image.",
                        "resource " + file + " is empty");
            }
            return bytes;
        } catch (AccessDeniedException e) {
            throw new DarkroomException(ErrorCode.PATH_DENIED, "Darkroom may not read this file (permission denied).",
                    "reading resource " + file + ": " + e, e);
        } catch (IOException e) {
            throw new DarkroomException(ErrorCode.INTERNAL, null, "reading resource " + file + ": " + e, e);
        }
    }
}
