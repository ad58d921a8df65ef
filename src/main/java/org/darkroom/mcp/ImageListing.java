package org.darkroom.mcp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.darkroom.intake.ImageType;
import org.darkroom.intake.SafePaths;

/**
 * The images inside the roots, walked in a fixed order (names sorted, depth first) a page at a time, so that a
 * listing can be resumed where the previous page stopped.
 *
 * <p>Only real folders and regular files are visited: symbolic links are never followed, so a link cannot lead the
 * walk out of a root (reading a listed file still goes through {@link PathRoots}). Hidden names (a leading dot, as
 * in the temporary files {@link OutputFile} writes) are skipped, and so is anything over the byte limit or not an
 * image intake accepts. Every bound holds per request: {@link #PAGE_SIZE} images, {@link #MAX_LOOKED_AT} entries
 * looked at, {@link #MAX_DEPTH} folders below a root and {@link #MAX_FOLDER_NAMES} names read from one folder.
 */
final class ImageListing {
    static final int PAGE_SIZE = 100;
    static final int MAX_LOOKED_AT = 5_000;
    static final int MAX_DEPTH = 8;
    static final int MAX_FOLDER_NAMES = 10_000;

    /** One image found: the path under its root as configured, its name relative to that root, type and size. */
    record Listed(Path file, String name, ImageType type, long bytes) {
    }

    /** Where a walk stopped: the index of the root and the names leading to the last entry looked at. */
    record Position(int root, List<String> last) {
    }

    /** One page: the images found, and where to go on from, or {@code null} when every root is done. */
    record Page(List<Listed> images, Position next) {
    }

    private final List<Path> roots;
    private final long maxBytes;

    /** {@code roots} in order; one inside another (or the same twice) is walked once, as part of the outer one. */
    ImageListing(List<Path> roots, long maxBytes) {
        this.roots = outermost(roots);
        this.maxBytes = maxBytes;
    }

    /** The page that starts after {@code from}, or the first page when it is {@code null}. */
    Page page(Position from) {
        Walk walk = new Walk();
        for (int root = from == null ? 0 : from.root(); root < roots.size(); root++) {
            List<String> after = from != null && root == from.root() ? from.last() : null;
            visit(walk, roots.get(root), roots.get(root), List.of(), after);
            if (walk.full()) {
                return new Page(walk.found, new Position(root, walk.last));
            }
        }
        return new Page(walk.found, null);
    }

    /** How many roots a {@link Position} may name. */
    int roots() {
        return roots.size();
    }

    /** The images directly inside {@code folder} (not below it), by name, at most {@code max}. */
    List<Listed> imagesIn(Path folder, int max) {
        List<Listed> found = new ArrayList<>();
        for (String name : names(folder)) {
            if (found.size() >= max) {
                break;
            }
            Path path = folder.resolve(name);
            BasicFileAttributes attributes = attributes(path);
            if (attributes != null && attributes.isRegularFile()) {
                image(path, name, attributes).ifPresent(found::add);
            }
        }
        return found;
    }

    private void visit(Walk walk, Path root, Path folder, List<String> at, List<String> after) {
        // A folder swapped for a link after it was looked at would otherwise be walked wherever it points.
        if (at.size() > MAX_DEPTH || !SafePaths.isInside(folder, root)) {
            return;
        }
        for (String name : names(folder)) {
            if (walk.full()) {
                return;
            }
            List<String> here = new ArrayList<>(at);
            here.add(name);
            // Resuming: entries up to the last one looked at are done, except the folders that lead to it.
            boolean leadsToLast = after != null && startsWith(after, here);
            if (after != null && !leadsToLast && compare(here, after) < 0) {
                continue;
            }
            Path path = folder.resolve(name);
            BasicFileAttributes attributes = attributes(path);
            if (attributes == null) {
                continue;
            }
            if (!leadsToLast) {
                walk.looked(here);
            }
            if (attributes.isDirectory()) {
                visit(walk, root, path, here, leadsToLast ? after : null);
            } else if (!leadsToLast && attributes.isRegularFile()) {
                image(path, String.join("/", here), attributes).ifPresent(walk.found::add);
            }
        }
    }

    private Optional<Listed> image(Path path, String name, BasicFileAttributes attributes) {
        if (attributes.size() == 0 || attributes.size() > maxBytes) {
            return Optional.empty();
        }
        return ImageFiles.typeOf(path).map(type -> new Listed(path, name, type, attributes.size()));
    }

    /** The folder's visible names, sorted; at most {@link #MAX_FOLDER_NAMES} of them are read. */
    private static List<String> names(Path folder) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".")) {
                    names.add(name);
                }
                if (names.size() >= MAX_FOLDER_NAMES) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** The walk's own order: name by name, a folder before what it holds. */
    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static List<Path> outermost(List<Path> roots) {
        List<Path> real = roots.stream().map(ImageListing::realOrNull).toList();
        List<Path> kept = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            if (real.get(i) != null && !coveredByAnother(real, i)) {
                kept.add(roots.get(i));
            }
        }
        return List.copyOf(kept);
    }

    private static boolean coveredByAnother(List<Path> real, int i) {
        for (int j = 0; j < real.size(); j++) {
            Path other = real.get(j);
            if (j != i && other != null && real.get(i).startsWith(other) && (!real.get(i).equals(other) || j < i)) {
                return true;
            }
        }
        return false;
    }

    private static Path realOrNull(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** One request's progress: what it found, how much it looked at, and the last entry it looked at. */
    private static final class Walk {
        final List<Listed> found = new ArrayList<>();
        int looked;
        List<String> last;

        void looked(List<String> entry) {
            looked++;
            last = entry;
        }

        boolean full() {
            return found.size() >= PAGE_SIZE || looked >= MAX_LOOKED_AT;
        }
    }
}
