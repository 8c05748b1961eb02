package io.inflow.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One process's claim on the embedded PostgreSQL's folder: an OS file lock on {@code postgres.lock} beside it (not
 * inside: initdb wants the folder empty), taken before PostgreSQL is touched and held until it has stopped. The OS
 * releases the lock when the process ends, however it ends, so a postmaster found running on a folder whose lock
 * could be taken has lost its owner: it is an orphan. The holder writes its pid into the file, for whoever is
 * refused to name it.
 *
 * <p>The OS lock (fcntl) belongs to the process, not to the channel: closing any other descriptor of the file in
 * this JVM would silently drop it. So the file is opened only by a claim that is not already held in this process,
 * and the claims of this process are kept in a process-wide set: the one piece of static state here, mirroring
 * state the OS keeps per process.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_SUFFIX = ".lock";

    private static final Set<Path> CLAIMED_BY_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path postgresDirectory;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean released = new AtomicBoolean();

    private DataDirLock(Path postgresDirectory, Path file, FileChannel channel, FileLock lock) {
        this.postgresDirectory = postgresDirectory;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a PostgreSQL folder: {@code <dataDir>/postgres.lock} for {@code <dataDir>/postgres}. */
    static Path fileOf(Path postgresDirectory) {
        return postgresDirectory.resolveSibling(postgresDirectory.getFileName() + FILE_SUFFIX);
    }

    /**
     * Claims the folder for this process.
     *
     * @param purpose what this process runs, written into the lock file
     * @throws DataDirInUseException when another live process, or another claim of this one, holds it
     */
    static DataDirLock claim(Path postgresDirectory, String purpose) {
        try {
            Files.createDirectories(postgresDirectory.toAbsolutePath().getParent());
            Path file = fileOf(postgresDirectory).toAbsolutePath();
            Path key = file.getParent().toRealPath().resolve(file.getFileName());
            if (!CLAIMED_BY_THIS_PROCESS.add(key)) {
                throw DataDirInUseException.byThisProcess(postgresDirectory.toAbsolutePath().getParent());
            }
            try {
                return lock(key, postgresDirectory, purpose);
            } catch (RuntimeException | IOException e) {
                CLAIMED_BY_THIS_PROCESS.remove(key);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock the data dir of " + postgresDirectory, e);
        }
    }

    private static DataDirLock lock(Path file, Path postgresDirectory, String purpose) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw refusal(postgresDirectory, DataDirOwner.parse(read(channel)));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(DataDirOwner.thisProcess(purpose).fileText().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirLock(postgresDirectory, file, channel, lock);
        } catch (RuntimeException | IOException e) {
            channel.close();
            throw e;
        }
    }

    private static DataDirInUseException refusal(Path postgresDirectory, Optional<DataDirOwner> holder)
            throws IOException {
        return DataDirInUseException.byAnotherProcess(postgresDirectory.toAbsolutePath().getParent(), holder,
                PostmasterPid.read(postgresDirectory).map(PostmasterPid::port).orElse(OptionalInt.empty()));
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** The PostgreSQL folder this claim is on. */
    Path postgresDirectory() {
        return postgresDirectory;
    }

    /** Releases the claim; the file stays, naming the last owner, and is taken over by the next claim. */
    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not release the lock " + file, e);
        } finally {
            CLAIMED_BY_THIS_PROCESS.remove(file);
        }
    }
}
