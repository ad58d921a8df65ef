package org.darkroom.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An operating-system lock on one file, held by this process until it is closed or the process dies, however it
 * dies ({@code kill -9} included): the kernel releases it, so no crash can leave it behind.
 *
 * <p>Locks are POSIX record locks, which belong to the whole process: closing <em>any</em> descriptor of the file
 * drops every lock this JVM holds on it. So a file this JVM already holds is never opened a second time; the
 * files held here are remembered and answered from memory.
 */
public final class ProcessLock implements AutoCloseable {
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;

    private ProcessLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * The lock on {@code file} (created if missing, its folder must exist), taken now; empty while a live process,
     * this one included, holds it, or when its folder is gone (another process removed it).
     */
    public static Optional<ProcessLock> tryTake(Path file) throws IOException {
        return tryTake(file, false);
    }

    /**
     * A shared lock on {@code file}: any number of processes may hold one together, none while another process
     * holds the exclusive lock, and the exclusive lock not while anyone holds a shared one.
     */
    public static Optional<ProcessLock> tryTakeShared(Path file) throws IOException {
        return tryTake(file, true);
    }

    private static Optional<ProcessLock> tryTake(Path file, boolean shared) throws IOException {
        Path normalized = file.toAbsolutePath().normalize();
        if (!HELD_HERE.add(normalized)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            // No TRUNCATE: the file may be another process's, and what it wrote there may be worth reading.
            channel = FileChannel.open(normalized, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, shared);
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(normalized);
                return Optional.empty();
            }
            return Optional.of(new ProcessLock(normalized, channel));
        } catch (NoSuchFileException e) {
            HELD_HERE.remove(normalized);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_HERE.remove(normalized);
            throw e;
        }
    }

    /** Whether this process holds the lock on {@code file}. */
    public static boolean heldHere(Path file) {
        return HELD_HERE.contains(file.toAbsolutePath().normalize());
    }

    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Replaces the file's content with {@code text}, e.g. who holds the lock, for a process that cannot take it. */
    public void write(String text) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    /** Whether the locked file is still in place: another process may have removed its folder just before. */
    public boolean stillInPlace() {
        return file.toFile().isFile();
    }

    /** Releases the lock; delete what it guards before, while no one else can take it. */
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
