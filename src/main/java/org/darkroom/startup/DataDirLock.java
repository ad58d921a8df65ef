package org.darkroom.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Service;

/**
 * One Darkroom service per data directory: an exclusive lock the operating system holds on
 * {@code <data>/darkroom.lock} for as long as the process lives, so it is gone after a crash or {@code kill -9}
 * without any clean-up, and released when the service stops.
 *
 * <p>The file says which process holds it (host and PID), so a refused start can name it. A mode in which several
 * instances share a data directory takes no lock; the refusal therefore speaks of "another Darkroom instance".
 */
public final class DataDirLock implements Service {
    /** The lock file's name under the data directory. */
    public static final String FILE = "darkroom.lock";

    /**
     * Data directories locked by this JVM. A second lock attempt here must not even open the file: on Linux, closing
     * any descriptor of a file drops every lock this process holds on it, the first service's included.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean released = new AtomicBoolean();

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} (a real path) for this process, or refuses naming the instance that holds it.
     *
     * @throws StartupRefusal when another instance holds it, or the lock file cannot be written
     */
    public static DataDirLock acquire(Path dataDir) {
        if (!HELD_HERE.add(dataDir)) {
            throw inUse(dataDir, describe(ProcessHandle.current().pid(), hostName()) + ", this very process");
        }
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            // No TRUNCATE: the file may be another instance's, and its words are what a refusal quotes.
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = read(channel);
                channel.close();
                throw inUse(dataDir, holder.isEmpty() ? "which did not say which process it is" : holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((describe(ProcessHandle.current().pid(), hostName()) + ", started "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new DataDirLock(dataDir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_HERE.remove(dataDir);
            throw new StartupRefusal("Darkroom cannot lock its data directory " + dataDir + " (" + e.getMessage()
                    + "): check that " + file + " can be written, or choose another directory with --data.", e);
        } catch (RuntimeException e) {
            HELD_HERE.remove(dataDir);
            throw e;
        }
    }

    /** Releases the lock; the file stays, and says nothing until the next instance writes its own name. */
    @Override
    public void stop() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // Closing the channel below releases it all the same.
        } finally {
            closeQuietly(channel);
            HELD_HERE.remove(dataDir);
        }
    }

    @Override
    public void start() {
        // Taken when acquired: the lock must be held before anything in the data directory is touched.
    }

    private static StartupRefusal inUse(Path dataDir, String holder) {
        return new StartupRefusal("The data directory " + dataDir + " is in use by another Darkroom instance ("
                + holder + "): stop that one first, or start this one with another --data.");
    }

    private static String describe(long pid, String host) {
        return "PID " + pid + " on host " + host;
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    /** The kernel's host name where there is one: asking the resolver may wait on DNS. */
    private static String hostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            return Files.isReadable(kernel) ? Files.readString(kernel).strip()
                    : InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing more to release.
            }
        }
    }
}
