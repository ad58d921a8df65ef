package org.darkroom.vision.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line of {@code ./darkroom fetch-model}.
 *
 * @param name     the manifest's short name of the bundle to fetch
 * @param dir      where the bundle goes
 * @param manifest the manifest to trust
 * @param baseUrl  replaces the directory of the manifest's URL (a mirror, or a local server in tests)
 * @param keepGz   keep the verified {@code .mf.gz} next to the unpacked {@code .mf}
 * @param help     only print the usage
 */
record FetchArguments(String name, Path dir, Path manifest, Optional<URI> baseUrl, boolean keepGz, boolean help) {
    static final String DEFAULT_NAME = "0.5b";

    static final String USAGE = """
            Usage: ./darkroom fetch-model [NAME] [--dir DIR] [--manifest FILE] [--base-url URL] [--keep-gz]

              NAME             the bundle to fetch, as named in models/manifest.json: 0.5b (the default,
                               Moondream 0.5B int8) or 2b (Moondream 2B int8); 0.5b-int4 and 2b-int4 too
              --dir DIR        where to put it (default: models/ in the Darkroom directory)
              --manifest FILE  the manifest of known bundles (default: models/manifest.json)
              --base-url URL   download from URL/FILE instead of the manifest's URL, e.g. from a mirror;
                               the size and SHA-256 are still those of the manifest. https:// only, except
                               http:// to this machine (127.0.0.1, ::1, localhost)
              --keep-gz        keep the downloaded .mf.gz next to the unpacked .mf (deleted by default)

            Downloads the official .mf.gz, checks its size and SHA-256 against the manifest, unpacks it
            (0.5b: DIR/moondream-0_5b-int8.mf) and records what was verified next to it (….mf.verified),
            which is how the service knows the unpacked file. Does nothing when that is already done.
            Exit status: 0 done, 1 failed (nothing partial is left), 2 wrong usage.""";

    /**
     * @param home     the Darkroom directory: the defaults are under it
     * @param startDir where the user typed the command: relative paths they give resolve against it
     * @throws IllegalArgumentException for a usage error, with a message saying which
     */
    static FetchArguments parse(String[] args, Path home, Path startDir) {
        String name = null;
        Path dir = null;
        Path manifest = null;
        URI baseUrl = null;
        boolean keepGz = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help", "help" -> {
                    return new FetchArguments(DEFAULT_NAME, home, home, Optional.empty(), false, true);
                }
                case "--dir" -> dir = startDir.resolve(value(args, ++i, arg));
                case "--manifest" -> manifest = startDir.resolve(value(args, ++i, arg));
                case "--base-url" -> baseUrl = url(value(args, ++i, arg));
                case "--keep-gz" -> keepGz = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (name != null) {
                        throw new IllegalArgumentException("one bundle at a time: both " + name + " and " + arg
                                + " were given");
                    }
                    name = arg;
                }
            }
        }
        return new FetchArguments(name == null ? DEFAULT_NAME : name,
                dir == null ? home.resolve("models") : dir,
                manifest == null ? home.resolve(ModelManifest.LOCATION) : manifest,
                Optional.ofNullable(baseUrl), keepGz, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static URI url(String text) {
        try {
            URI url = new URI(text);
            if (url.getScheme() == null || url.getHost() == null) {
                throw new IllegalArgumentException("--base-url needs an absolute URL such as https://mirror.example/"
                        + "moondream, not " + text);
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--base-url is not a URL: " + e.getMessage());
        }
    }

    /** Where {@code entry} is downloaded from. */
    URI source(ManifestEntry entry) {
        if (baseUrl.isEmpty()) {
            return entry.url();
        }
        String base = baseUrl.get().toString();
        return URI.create(base.endsWith("/") ? base + entry.file() : base + "/" + entry.file());
    }
}
