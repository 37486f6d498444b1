package org.dcsuite.storage;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams (time, series_id, value) rows into {@code samples} with binary COPY through one reused buffer: no
 * per-row objects and no text formatting of doubles, which also keeps NaN exact.
 */
final class PostgresCopyEncoder {

    static final String COPY_SQL = "COPY samples (time, series_id, value) FROM STDIN (FORMAT BINARY)";

    /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01 (UTC). */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int ROW_BYTES = 2 + 3 * (4 + 8);

    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 17);

    /** Must be called by one thread at a time (the store's write lock). */
    void copy(Connection c, long[] times, long[] ids, double[] values, int n) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
        try {
            buffer.clear();
            buffer.put(SIGNATURE).putInt(0).putInt(0);
            for (int i = 0; i < n; i++) {
                if (buffer.remaining() < ROW_BYTES) {
                    flush(in);
                }
                buffer.putShort((short) 3)
                        .putInt(8).putLong(times[i] * 1000L - PG_EPOCH_MICROS)
                        .putInt(8).putLong(ids[i])
                        .putInt(8).putDouble(values[i]);
            }
            if (buffer.remaining() < 2) {
                flush(in);
            }
            buffer.putShort((short) -1);
            flush(in);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void flush(CopyIn in) throws SQLException {
        in.writeToCopy(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
