package org.dcsuite.collectors.spool;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.core.series.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Spool} in a folder, one file per batch, bounded in bytes.
 *
 * <p><b>Layout.</b> Batch number {@code n} (increasing, never reused) lives in {@code <n, 19 digits>.batch}:
 * magic {@code "DCSP"}, format version {@code 1}, payload length (int), CRC32C of the payload (int), then the
 * payload: a dictionary of the batch's series keys (metric, attribute names and values as UTF-8), then each
 * sample as its key's index, the zigzag varint delta of its time from the previous sample's, and the raw IEEE
 * bits of its value, so NaN and infinities come back exactly. Integers in the header are big-endian.
 *
 * <p><b>Durability.</b> {@link #offer} writes {@code <n>.batch.tmp}, forces it, renames it atomically to
 * {@code <n>.batch} and forces the folder, so a batch is either completely there or not there at all once
 * {@code offer} returns true. A crash mid-write leaves a {@code .tmp} file, which was never accepted and is
 * deleted on the next open.
 *
 * <p><b>Delivery is at-least-once.</b> {@link #removeHead} deletes the head file after the caller stored the
 * batch; a crash between the store's append and {@code removeHead} (or before the deletion reaches the disk)
 * replays that batch once more after a restart. Stores keep duplicate samples as given, so a replayed batch
 * shows up twice in the store; nothing is ever lost.
 *
 * <p><b>Damage.</b> {@link #open} checks every batch file (length and CRC32C); a torn or corrupt one, at the
 * tail or in the middle, is logged with its file name and the offset where it went wrong, renamed to
 * {@code .corrupt} and skipped, and the batches around it are kept. A batch damaged after open is treated
 * the same way when {@link #peek} reaches it.
 *
 * <p><b>Bound.</b> {@link #sizeBytes()} is the total size of the batch files; {@code offer} refuses (returns
 * false) a batch whose file would take it over {@code maxBytes}, including a single batch larger than the
 * whole bound. Space freed by {@code removeHead} is available at once.
 *
 * <p><b>I/O failures</b> (disk full, folder removed, permissions) make {@code offer}, {@code peek} and
 * {@code removeHead} throw an {@link UncheckedIOException} naming the spool folder and file. {@code offer} then
 * stored nothing. It throws rather than returning false because false means "full by configuration", which the
 * caller counts as an expected drop; a broken disk must be seen by the operator, not counted.
 *
 * <p><b>Threads.</b> One writer thread calls {@code offer}, {@code peek}, {@code removeHead} and {@code close};
 * {@link #batches()} and {@link #sizeBytes()} may be read from any thread (for metrics). The folder is locked
 * against a second spool, in this process or another, while open.
 */
public final class DiskSpool implements Spool {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpool.class);

    static final String BATCH_SUFFIX = ".batch";
    static final String TEMP_SUFFIX = ".batch.tmp";
    static final String CORRUPT_SUFFIX = ".corrupt";
    static final String LOCK_FILE = "spool.lock";

    private static final Pattern NUMBERED = Pattern.compile("(\\d{19})\\.batch.*");
    // Windows cannot open a folder as a channel; there the rename is as durable as the OS makes it.
    private static final boolean CAN_FORCE_FOLDER = File.separatorChar == '/';

    private final Path dir;
    private final long maxBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** The batches waiting, oldest first; touched by the writer thread only. */
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private long nextNumber;
    /** The decoded head, so repeated peeks while the store is down do not re-read the file. */
    private List<Sample> headCache;
    private boolean closed;

    private record Entry(long number, long size) {
    }

    private DiskSpool(Path dir, long maxBytes, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the spool in {@code dir} and resumes the batches found there in order.
     *
     * @param maxBytes the most bytes the batch files may take together; at least 1
     * @throws UncheckedIOException naming the folder when it cannot be created, locked or listed
     * @throws IllegalStateException when another open spool holds the folder
     */
    public static DiskSpool open(Path dir, long maxBytes) {
        Objects.requireNonNull(dir, "dir");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("spool bound must be at least 1 byte, got " + maxBytes);
        }
        Path folder = dir.toAbsolutePath().normalize();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(folder);
            lockChannel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("spool folder " + folder + " is already in use by another spool");
            }
            DiskSpool spool = new DiskSpool(folder, maxBytes, lockChannel, lock);
            spool.recover();
            return spool;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("cannot open spool folder " + folder + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** Lists the folder, drops unaccepted temp files, checks every batch and queues the good ones in order. */
    private void recover() throws IOException {
        TreeMap<Long, Path> found = new TreeMap<>();
        long highest = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher m = NUMBERED.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                long number = Long.parseLong(m.group(1));
                // Numbers of corrupt and temp files count too, so a new batch never takes a name already used.
                highest = Math.max(highest, number);
                if (name.endsWith(TEMP_SUFFIX)) {
                    LOG.warn("spool {}: deleting {}, a batch whose write never completed (it was not accepted)",
                            dir, name);
                    Files.delete(file);
                } else if (name.endsWith(BATCH_SUFFIX)) {
                    found.put(number, file);
                }
            }
        }
        nextNumber = highest + 1;
        for (var e : found.entrySet()) {
            byte[] content = Files.readAllBytes(e.getValue());
            try {
                SpoolBatchCodec.decode(content);
                queue.addLast(new Entry(e.getKey(), content.length));
                bytes.addAndGet(content.length);
            } catch (SpoolBatchCodec.CorruptBatchException ex) {
                quarantine(e.getValue(), ex);
            }
        }
        batches.set(queue.size());
        if (!queue.isEmpty()) {
            LOG.info("spool {}: resuming {} batches, {} bytes", dir, queue.size(), bytes.get());
        }
    }

    @Override
    public synchronized boolean offer(List<Sample> batch) {
        Objects.requireNonNull(batch, "batch");
        ensureOpen();
        byte[] content = SpoolBatchCodec.encode(batch);
        if (bytes.get() + content.length > maxBytes) {
            return false;
        }
        long number = nextNumber;
        Path temp = dir.resolve(name(number) + TEMP_SUFFIX);
        Path target = dir.resolve(name(number) + BATCH_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceFolder();
        } catch (IOException e) {
            deleteQuietly(temp);
            // The rename may have happened before the folder could be forced; the batch was not accepted.
            deleteQuietly(target);
            throw new UncheckedIOException("spool folder " + dir + ": cannot write batch " + target.getFileName()
                    + " (" + content.length + " bytes, nothing stored): " + e, e);
        }
        nextNumber++;
        queue.addLast(new Entry(number, content.length));
        bytes.addAndGet(content.length);
        batches.incrementAndGet();
        return true;
    }

    @Override
    public synchronized Optional<List<Sample>> peek() {
        ensureOpen();
        while (headCache == null && !queue.isEmpty()) {
            Path file = dir.resolve(name(queue.peekFirst().number()) + BATCH_SUFFIX);
            try {
                headCache = SpoolBatchCodec.decode(Files.readAllBytes(file));
            } catch (SpoolBatchCodec.CorruptBatchException e) {
                // Damaged after open (the disk, or someone editing the folder): skip it as open would have.
                quarantine(file, e);
                drop(queue.removeFirst());
            } catch (NoSuchFileException e) {
                LOG.error("spool {}: batch file {} disappeared; skipping it", dir, file.getFileName());
                skipped.incrementAndGet();
                drop(queue.removeFirst());
            } catch (IOException e) {
                throw new UncheckedIOException("spool folder " + dir + ": cannot read batch " + file.getFileName()
                        + ": " + e, e);
            }
        }
        return Optional.ofNullable(headCache);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NoSuchElementException when the spool is empty
     */
    @Override
    public synchronized void removeHead() {
        ensureOpen();
        Entry head = queue.peekFirst();
        if (head == null) {
            throw new NoSuchElementException("spool folder " + dir + " is empty");
        }
        Path file = dir.resolve(name(head.number()) + BATCH_SUFFIX);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("spool folder " + dir + ": cannot delete batch " + file.getFileName()
                    + ": " + e, e);
        }
        queue.removeFirst();
        drop(head);
        headCache = null;
    }

    @Override
    public long batches() {
        return batches.get();
    }

    @Override
    public long sizeBytes() {
        return bytes.get();
    }

    /**
     * Batches found damaged or missing and skipped since open (each also logged with its file); safe to read
     * from any thread. Not part of {@link #batches()} or {@link #sizeBytes()}.
     */
    public long skippedBatches() {
        return skipped.get();
    }

    /** The folder this spool keeps its batches in. */
    public Path directory() {
        return dir;
    }

    /** Releases the folder lock; the batches stay on disk for the next open. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("spool {}: cannot release the folder lock: {}", dir, e.toString());
        }
        closeQuietly(lockChannel);
    }

    @Override
    public String toString() {
        return "DiskSpool[" + dir + ", " + batches() + " batches, " + sizeBytes() + " of " + maxBytes + " bytes]";
    }

    private void drop(Entry entry) {
        bytes.addAndGet(-entry.size());
        batches.decrementAndGet();
    }

    private void quarantine(Path file, SpoolBatchCodec.CorruptBatchException cause) {
        skipped.incrementAndGet();
        Path aside = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
        LOG.error("spool {}: batch file {} is damaged at offset {} ({}); skipping it and moving it to {}", dir,
                file.getFileName(), cause.offset(), cause.getMessage(), aside.getFileName());
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The batch is skipped either way; left in place it is checked and skipped again on the next open.
            LOG.error("spool {}: cannot move {} aside: {}", dir, file.getFileName(), e.toString());
        }
    }

    private void forceFolder() throws IOException {
        if (CAN_FORCE_FOLDER) {
            try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
                folder.force(true);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("spool folder " + dir + " is closed");
        }
    }

    private static String name(long number) {
        return String.format("%019d", number);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort after a failed write; the next open deletes leftover temp files anyway.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the lock goes with the channel or with the process.
        }
    }
}
