package org.dcsuite.collectors.spool;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;

/**
 * The binary form of one spooled batch (see {@link DiskSpool} for the layout). A batch carries its own
 * dictionary of series keys, so a key repeated across the batch costs one small index per sample and every
 * batch file can be read, checked and replayed on its own.
 */
final class SpoolBatchCodec {

    /** "DCSP": tells a spool batch from any other file that ended up in the folder. */
    static final int MAGIC = 0x44435350;
    static final byte VERSION = 1;
    /** Magic, version, payload length and CRC32C of the payload. */
    static final int HEADER_BYTES = 4 + 1 + 4 + 4;

    private SpoolBatchCodec() {
    }

    /** Thrown when bytes are not a complete, intact batch; says what is wrong and at which byte offset. */
    static final class CorruptBatchException extends Exception {

        private static final long serialVersionUID = 1L;

        private final long offset;

        CorruptBatchException(long offset, String message) {
            super(message);
            this.offset = offset;
        }

        long offset() {
            return offset;
        }
    }

    static byte[] encode(List<Sample> batch) {
        Map<SeriesKey, Integer> index = new HashMap<>();
        List<SeriesKey> keys = new ArrayList<>();
        for (Sample s : batch) {
            if (index.putIfAbsent(s.series(), keys.size()) == null) {
                keys.add(s.series());
            }
        }
        Buffer out = new Buffer(HEADER_BYTES + 16 * batch.size() + 64 * keys.size());
        out.skip(HEADER_BYTES);
        out.varint(keys.size());
        for (SeriesKey key : keys) {
            out.string(key.metric());
            out.varint(key.attributes().size());
            for (Map.Entry<String, String> a : key.attributes().entrySet()) {
                out.string(a.getKey());
                out.string(a.getValue());
            }
        }
        out.varint(batch.size());
        // Times within a batch are close together, so deltas from the previous sample take a byte or two.
        long previousTime = 0;
        for (Sample s : batch) {
            out.varint(index.get(s.series()));
            out.varlong(zigzag(s.timeMillis() - previousTime));
            previousTime = s.timeMillis();
            // Raw bits keep every double exactly, NaN payloads and signed zeros included.
            out.fixedLong(Double.doubleToRawLongBits(s.value()));
        }
        byte[] bytes = out.toArray();
        int payloadLength = bytes.length - HEADER_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, payloadLength);
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES);
        header.putInt(MAGIC).put(VERSION).putInt(payloadLength).putInt((int) crc.getValue());
        return bytes;
    }

    static List<Sample> decode(byte[] bytes) throws CorruptBatchException {
        if (bytes.length < HEADER_BYTES) {
            throw new CorruptBatchException(0, "truncated header: " + bytes.length + " of " + HEADER_BYTES + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int magic = in.getInt();
        if (magic != MAGIC) {
            throw new CorruptBatchException(0, "bad magic 0x" + Integer.toHexString(magic));
        }
        byte version = in.get();
        if (version != VERSION) {
            throw new CorruptBatchException(4, "unknown format version " + version);
        }
        int payloadLength = in.getInt();
        int expectedCrc = in.getInt();
        if (payloadLength < 0 || payloadLength != bytes.length - HEADER_BYTES) {
            throw new CorruptBatchException(5, "length mismatch: header says " + payloadLength + " payload bytes, file has "
                    + (bytes.length - HEADER_BYTES));
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, payloadLength);
        if ((int) crc.getValue() != expectedCrc) {
            throw new CorruptBatchException(HEADER_BYTES, "CRC32C mismatch over the payload");
        }
        try {
            int keyCount = count(in);
            SeriesKey[] keys = new SeriesKey[keyCount];
            for (int k = 0; k < keyCount; k++) {
                String metric = string(in);
                int attributes = count(in);
                TreeMap<String, String> map = new TreeMap<>();
                for (int a = 0; a < attributes; a++) {
                    map.put(string(in), string(in));
                }
                keys[k] = SeriesKey.of(metric, map);
            }
            int sampleCount = count(in);
            List<Sample> samples = new ArrayList<>(sampleCount);
            long time = 0;
            for (int i = 0; i < sampleCount; i++) {
                int key = count(in);
                if (key >= keyCount) {
                    throw new CorruptBatchException(in.position(), "series index " + key + " beyond " + keyCount + " keys");
                }
                time += unzigzag(varlong(in));
                samples.add(new Sample(keys[key], time, Double.longBitsToDouble(in.getLong())));
            }
            if (in.hasRemaining()) {
                throw new CorruptBatchException(in.position(), in.remaining() + " unexpected trailing bytes");
            }
            return List.copyOf(samples);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            // A CRC collision or a writer bug: the bytes pass the checksum but do not form a batch.
            throw new CorruptBatchException(in.position(), "undecodable payload: " + e);
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static int count(ByteBuffer in) throws CorruptBatchException {
        long v = varlong(in);
        if (v < 0 || v > in.capacity()) {
            // No count can exceed the number of bytes, which also keeps a bad count from allocating gigabytes.
            throw new CorruptBatchException(in.position(), "implausible count " + v);
        }
        return (int) v;
    }

    private static long varlong(ByteBuffer in) throws CorruptBatchException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new CorruptBatchException(in.position(), "varint longer than 10 bytes");
    }

    private static String string(ByteBuffer in) throws CorruptBatchException {
        byte[] utf8 = new byte[count(in)];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** A growable byte array; cheaper than a DataOutputStream over a ByteArrayOutputStream for small writes. */
    private static final class Buffer {

        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[Math.max(capacity, 32)];
        }

        void skip(int n) {
            ensure(n);
            size += n;
        }

        void varint(int v) {
            varlong(v & 0xffffffffL);
        }

        void varlong(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                bytes[size++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void fixedLong(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (v >>> shift);
            }
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }
    }
}
