package org.darkroom.intake;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operating-system lock on a work directory's {@value #FILE}: held by the process working in that directory
 * and released by the kernel when that process dies, however it dies ({@code kill -9} included).
 *
 * <p>Locks are POSIX record locks, which belong to the whole process: closing <em>any</em> descriptor of the file
 * drops every lock this JVM holds on it. So a file this JVM already holds is never opened a second time; the
 * paths held here are remembered and answered from memory.
 */
final class OwnerLock implements AutoCloseable {
    static final String FILE = "owner.lock";
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;

    private OwnerLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * The lock of {@code dir}, taken now; empty while a live process (this one included) holds it, or when the
     * directory is gone (another process swept it).
     */
    static Optional<OwnerLock> tryTake(Path dir) throws IOException {
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        if (!HELD_HERE.add(file)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(file);
                return Optional.empty();
            }
            return Optional.of(new OwnerLock(file, channel));
        } catch (NoSuchFileException e) {
            HELD_HERE.remove(file);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_HERE.remove(file);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Whether the locked file is still in place: a sweeper may have removed the directory just before we locked. */
    boolean stillInPlace() {
        return file.toFile().isFile();
    }

    /** Releases the lock; delete the directory before, while no one else can take it. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a file we only locked cannot lose data; the kernel drops the lock with the descriptor.
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
