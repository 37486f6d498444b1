package org.dcsuite.collectors.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Turns a request body into an {@link ExportTraceServiceRequest}: gunzips it when the sender said
 * {@code Content-Encoding: gzip} (the receiver never lets Vert.x decompress, so a body upgraded to h2c cannot reach
 * this point in a different state than its header says), then decodes it in its encoding. Bounded: a body that
 * inflates past the limit is refused rather than buffered. Stateless and thread-safe.
 */
final class OtlpTraceDecoder {

    private static final int COPY_BUFFER = 16 * 1024;

    private final int maxBodyBytes;

    OtlpTraceDecoder(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    ExportTraceServiceRequest decode(byte[] body, OtlpEncoding encoding, boolean gzip) throws OtlpPayloadException {
        return encoding.decode(gzip ? gunzip(body) : body);
    }

    private byte[] gunzip(byte[] compressed) throws OtlpPayloadException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), COPY_BUFFER)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBodyBytes, compressed.length * 4 + 64));
            byte[] buffer = new byte[COPY_BUFFER];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBodyBytes) {
                    throw new OtlpPayloadException(413, "OTLP request body inflates to more than " + maxBodyBytes
                            + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            // ZipException (bad header or data) and EOFException (truncated) both mean the body is not valid gzip.
            throw new OtlpPayloadException(400, "invalid gzip OTLP request body (Content-Encoding: gzip): "
                    + e.getMessage(), e);
        }
    }
}
