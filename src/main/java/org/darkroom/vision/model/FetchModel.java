package org.darkroom.vision.model;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./darkroom fetch-model [NAME]}: downloads an official Moondream bundle listed in the manifest, refuses
 * it unless its size and SHA-256 are the published ones, and unpacks it into the models folder with a
 * {@link FetchRecord} that lets the service trust the unpacked file. The only code in Darkroom that downloads a
 * model; the service never does.
 *
 * <p>Everything is written to a {@code .part} file first and renamed when complete, so the models folder only
 * ever holds verified bundles: a failure removes what it wrote.
 */
public final class FetchModel {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final PrintStream log;

    private FetchModel(PrintStream log) {
        this.log = log;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command and returns its exit status; every message goes to {@code log}. */
    public static int run(String[] args, PrintStream log) {
        Path cwd = Path.of("").toAbsolutePath();
        // The launcher passes both: defaults live in the Darkroom directory, user paths are relative to the shell.
        Path home = Path.of(System.getProperty("darkroom.home", cwd.toString()));
        Path startDir = Path.of(System.getProperty("darkroom.start.dir", cwd.toString()));
        FetchArguments arguments;
        try {
            arguments = FetchArguments.parse(args, home, startDir);
        } catch (IllegalArgumentException e) {
            log.println("fetch-model: " + e.getMessage());
            log.println(FetchArguments.USAGE);
            return USAGE;
        }
        if (arguments.help()) {
            log.println(FetchArguments.USAGE);
            return OK;
        }
        ModelManifest manifest;
        try {
            manifest = ModelManifest.read(arguments.manifest());
        } catch (ManifestException e) {
            log.println("fetch-model: " + e.getMessage());
            return FAILED;
        }
        Optional<ManifestEntry> entry = manifest.byName(arguments.name());
        if (entry.isEmpty()) {
            log.println("fetch-model: there is no bundle named " + arguments.name() + " in " + manifest.source()
                    + "; choose one of: " + String.join(", ", manifest.names()));
            return USAGE;
        }
        try {
            new FetchModel(log).fetch(entry.get(), manifest, arguments);
            return OK;
        } catch (FetchFailure e) {
            log.println("fetch-model: " + e.getMessage());
            return FAILED;
        }
    }

    private void fetch(ManifestEntry entry, ModelManifest manifest, FetchArguments arguments) throws FetchFailure {
        Path dir = arguments.dir();
        Path bundle = dir.resolve(entry.unpacked());
        if (alreadyFetched(bundle, entry, manifest)) {
            log.println("fetch-model: " + bundle + " is already there and matches what was verified when it was "
                    + "fetched; nothing to do.");
            return;
        }
        createDirectory(dir);
        Path gz = dir.resolve(entry.file());
        Path gzPart = FetchFiles.partOf(gz);
        Path bundlePart = FetchFiles.partOf(bundle);
        boolean replaced = false;
        boolean done = false;
        // Ctrl-C in the middle of a gigabyte download must not leave the partial file behind either.
        Thread removeParts = new Thread(() -> {
            FetchFiles.deleteQuietly(gzPart);
            FetchFiles.deleteQuietly(bundlePart);
        });
        Runtime.getRuntime().addShutdownHook(removeParts);
        try {
            URI url = arguments.source(entry);
            log.println("fetch-model: downloading " + entry.name() + " (" + entry.file() + ", "
                    + String.format(Locale.ROOT, "%.1f MB", entry.size() / 1e6) + ") from " + url);
            FileDigest downloaded = new BundleDownload(log).download(url, entry.size(), gzPart, entry.name());
            if (!downloaded.equals(entry.digest())) {
                throw new FetchFailure("The download of " + entry.file() + " has SHA-256 " + downloaded.sha256()
                        + ", but the manifest expects " + entry.sha256() + "; it was deleted. Run ./darkroom "
                        + "fetch-model again; if this repeats, the file at " + url + " is not the published one "
                        + "(check --base-url or your proxy).");
            }
            log.println("fetch-model: SHA-256 matches the manifest; unpacking to " + bundle);
            FileDigest unpacked = BundleUnpacker.unpack(gzPart, bundlePart);
            // A record left from an earlier fetch must not vouch for the new file, even for a moment.
            FetchFiles.deleteQuietly(FetchRecord.pathFor(bundle));
            replaced = true;
            move(bundlePart, bundle);
            writeRecord(FetchRecord.of(entry, unpacked), bundle);
            if (arguments.keepGz()) {
                move(gzPart, gz);
                log.println("fetch-model: kept " + gz);
            }
            done = true;
            log.printf(Locale.ROOT, "fetch-model: ready: %s (%.1f MB, SHA-256 %s)%n", bundle,
                    unpacked.size() / 1e6, unpacked.sha256());
        } finally {
            removeShutdownHook(removeParts);
            FetchFiles.deleteQuietly(gzPart);
            FetchFiles.deleteQuietly(bundlePart);
            if (replaced && !done) {
                // Nothing half-done may stay: a .mf without its record would only be refused at start-up.
                FetchFiles.deleteQuietly(bundle);
                FetchFiles.deleteQuietly(FetchRecord.pathFor(bundle));
            }
        }
    }

    /** Re-hashes an existing bundle through the same check the service uses, so both agree on "verified". */
    private boolean alreadyFetched(Path bundle, ManifestEntry entry, ModelManifest manifest) {
        if (!Files.isRegularFile(bundle)) {
            return false;
        }
        log.println("fetch-model: checking the " + entry.unpacked() + " already in " + bundle.getParent() + "…");
        try {
            VerifiedModel model = ModelTrust.verify(bundle, Optional.empty(), manifest);
            return model.basis() == TrustBasis.FETCH_RECORD && model.known().equals(Optional.of(entry));
        } catch (UntrustedModelException e) {
            log.println("fetch-model: replacing " + bundle + ", which does not verify: " + e.getMessage());
            return false;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it deletes the same files
        }
    }

    private static void createDirectory(Path dir) throws FetchFailure {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FetchFailure("Cannot create " + dir + " (" + FetchFiles.describe(e) + "): choose another "
                    + "folder with --dir.", e);
        }
    }

    private static void move(Path from, Path to) throws FetchFailure {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw FetchFiles.cannotWrite(to, e);
        }
    }

    private static void writeRecord(FetchRecord record, Path bundle) throws FetchFailure {
        try {
            record.writeFor(bundle);
        } catch (IOException e) {
            throw FetchFiles.cannotWrite(FetchRecord.pathFor(bundle), e);
        }
    }
}
