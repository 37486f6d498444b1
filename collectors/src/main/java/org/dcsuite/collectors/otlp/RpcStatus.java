package org.dcsuite.collectors.otlp;

import com.google.protobuf.CodedOutputStream;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code google.rpc.Status} body of OTLP/HTTP error responses. Written by hand (field 1 {@code code}, field 2
 * {@code message}; no details) because the generated class lives in {@code proto-google-common-protos}, which the
 * collectors do not otherwise need.
 *
 * @param code    a gRPC status code ({@link #INVALID_ARGUMENT}, ...)
 * @param message what was wrong, for the sender's logs
 */
record RpcStatus(int code, String message) {

    /** gRPC's INVALID_ARGUMENT: the payload cannot be used and retrying it will not help. */
    static final int INVALID_ARGUMENT = 3;
    /** gRPC's UNIMPLEMENTED: no such endpoint or method. */
    static final int UNIMPLEMENTED = 12;
    /** gRPC's INTERNAL: the receiver failed; the request may be retried. */
    static final int INTERNAL = 13;

    byte[] toProtobuf() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.length() + 8);
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            if (code != 0) {
                coded.writeInt32(1, code);
            }
            if (!message.isEmpty()) {
                coded.writeString(2, message);
            }
            coded.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    byte[] toJson() {
        return new JsonObject().put("code", code).put("message", message).encode().getBytes(StandardCharsets.UTF_8);
    }
}
