package org.darkroom.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Streams one bundle to a file while hashing it, so a download of gigabytes is checked without reading it twice
 * and never held in memory. It stops as soon as the server sends more than the expected size.
 */
final class BundleDownload {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Until the response headers arrive; the body may then take as long as it takes. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder()
            // NORMAL never follows https to http; the final URL is checked below anyway (mirrors redirect to CDNs).
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final PrintStream log;

    BundleDownload(PrintStream log) {
        this.log = log;
    }

    /**
     * Downloads {@code url} to {@code target}, which must hold exactly {@code expectedSize} bytes at the end.
     * The caller deletes {@code target} on failure.
     *
     * @return the SHA-256 and size of what was written
     */
    FileDigest download(URI url, long expectedSize, Path target, String label) throws FetchFailure {
        requireSecure(url);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "darkroom-fetch-model").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw ConnectionFailure.of(url, e, CONNECT_TIMEOUT, RESPONSE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure("The download of " + url + " was interrupted: run ./darkroom fetch-model again.", e);
        }
        try (InputStream body = response.body()) {
            requireSecure(response.uri());
            if (response.statusCode() != 200) {
                throw new FetchFailure("The server answered HTTP " + response.statusCode() + " for " + url
                        + ": check the URL (--base-url, or the manifest) and try again later.");
            }
            OptionalLong announced = response.headers().firstValueAsLong("Content-Length");
            if (announced.isPresent() && announced.getAsLong() != expectedSize) {
                throw new FetchFailure("The server offers " + announced.getAsLong() + " bytes at " + url
                        + ", but the manifest expects " + expectedSize + ": this is not the published file; "
                        + "check --base-url, or whether the manifest is out of date.");
            }
            return copy(body, expectedSize, target, new DownloadProgress(log, label, expectedSize));
        } catch (IOException e) {
            throw new FetchFailure("The download of " + url + " failed (" + FetchFiles.describe(e) + "): check the "
                    + "network connection and run ./darkroom fetch-model again.", e);
        }
    }

    private static FileDigest copy(InputStream body, long expectedSize, Path target, DownloadProgress progress)
            throws IOException, FetchFailure {
        Sha256Counter counter = new Sha256Counter();
        byte[] buffer = new byte[FileDigest.BUFFER_BYTES];
        try (OutputStream out = FetchFiles.openForWriting(target)) {
            for (int n; (n = read(body, buffer, counter.size(), expectedSize)) >= 0; ) {
                if (counter.size() + n > expectedSize) {
                    throw new FetchFailure("The server sent more than the " + expectedSize + " bytes the manifest "
                            + "expects: this is not the published file; check --base-url, or whether the manifest "
                            + "is out of date.");
                }
                FetchFiles.write(out, buffer, n, target);
                counter.update(buffer, 0, n);
                progress.update(counter.size());
            }
        }
        if (counter.size() < expectedSize) {
            throw new FetchFailure("The download ended early, after " + counter.size() + " of " + expectedSize
                    + " bytes: run ./darkroom fetch-model again.");
        }
        return counter.result();
    }

    /** A connection lost mid-body says little by itself ("closed"); how far it got tells the user more. */
    private static int read(InputStream body, byte[] buffer, long received, long expectedSize) throws FetchFailure {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new FetchFailure("The download broke off after " + received + " of " + expectedSize + " bytes ("
                    + FetchFiles.describe(e) + "): check the network connection and run ./darkroom fetch-model "
                    + "again.", e);
        }
    }

    /** The SHA-256 check makes any source safe to read from, but plain http would still leak what is fetched. */
    static void requireSecure(URI url) throws FetchFailure {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http") && isLoopback(url.getHost())) {
            return;
        }
        throw new FetchFailure("Refusing to download from " + url + ": only https:// URLs are allowed (plain http:// "
                + "only to this machine, for tests); give an https:// --base-url.");
    }

    /** Decided without DNS: only the name localhost and literal loopback addresses count. */
    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false; // a host name: resolving it here would let DNS decide
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
