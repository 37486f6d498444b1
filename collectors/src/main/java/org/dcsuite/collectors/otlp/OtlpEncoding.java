package org.dcsuite.collectors.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The two OTLP/HTTP payload encodings: binary protobuf and the OTLP JSON mapping. Responses, errors included, are
 * written in the request's encoding, as the specification requires.
 */
enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final String contentType;

    OtlpEncoding(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The encoding of a {@code Content-Type} header (parameters such as {@code charset} ignored), or null. */
    static OtlpEncoding ofContentType(String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        for (OtlpEncoding e : values()) {
            if (e.contentType.equals(type)) {
                return e;
            }
        }
        return null;
    }

    ExportTraceServiceRequest decode(byte[] body) throws OtlpPayloadException {
        if (this == PROTOBUF) {
            try {
                return ExportTraceServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                throw new OtlpPayloadException(400, "invalid OTLP protobuf ExportTraceServiceRequest: "
                        + e.getMessage(), e);
            }
        }
        try {
            JsonObject json = new JsonObject(new String(body, StandardCharsets.UTF_8));
            hexIdsToBase64(json);
            ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
            JSON_PARSER.merge(json.encode(), builder);
            return builder.build();
        } catch (DecodeException | ClassCastException e) {
            throw new OtlpPayloadException(400, "invalid OTLP JSON ExportTraceServiceRequest: " + e.getMessage(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new OtlpPayloadException(400, "invalid OTLP JSON ExportTraceServiceRequest: " + e.getMessage(), e);
        }
    }

    byte[] encode(ExportTraceServiceResponse response) {
        if (this == PROTOBUF) {
            return response.toByteArray();
        }
        try {
            return JSON_PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an ExportTraceServiceResponse always prints as JSON", e);
        }
    }

    byte[] encode(RpcStatus status) {
        return this == PROTOBUF ? status.toProtobuf() : status.toJson();
    }

    /**
     * OTLP JSON writes trace and span ids as hex, where the protobuf JSON mapping expects base64 for bytes fields;
     * this rewrites them in place so {@link JsonFormat} reads them as the bytes they are.
     */
    private static void hexIdsToBase64(JsonObject request) throws OtlpPayloadException {
        JsonArray resourceSpans = request.getJsonArray("resourceSpans");
        if (resourceSpans == null) {
            return;
        }
        for (int r = 0; r < resourceSpans.size(); r++) {
            JsonArray scopeSpans = resourceSpans.getJsonObject(r).getJsonArray("scopeSpans");
            for (int s = 0; scopeSpans != null && s < scopeSpans.size(); s++) {
                JsonArray spans = scopeSpans.getJsonObject(s).getJsonArray("spans");
                for (int i = 0; spans != null && i < spans.size(); i++) {
                    String where = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]";
                    JsonObject span = spans.getJsonObject(i);
                    convertIds(span, where);
                    JsonArray links = span.getJsonArray("links");
                    for (int l = 0; links != null && l < links.size(); l++) {
                        convertIds(links.getJsonObject(l), where + ".links[" + l + "]");
                    }
                }
            }
        }
    }

    private static void convertIds(JsonObject object, String where) throws OtlpPayloadException {
        for (String field : new String[] {"traceId", "spanId", "parentSpanId"}) {
            Object value = object.getValue(field);
            if (value == null) {
                continue;
            }
            if (!(value instanceof String hex)) {
                throw new OtlpPayloadException(400, "invalid OTLP JSON: " + where + "." + field + " is not a string");
            }
            try {
                object.put(field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
            } catch (IllegalArgumentException e) {
                throw new OtlpPayloadException(400, "invalid OTLP JSON: " + where + "." + field + " '" + hex
                        + "' is not hexadecimal", e);
            }
        }
    }}
