package org.dcsuite.app.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.core.event.DeviceEvent;

/** Passes a {@link DeviceEvent} as is within the JVM and as length-prefixed JSON between cluster members. */
final class DeviceEventCodec implements MessageCodec<DeviceEvent, DeviceEvent> {

    @Override
    public void encodeToWire(Buffer buffer, DeviceEvent e) {
        JsonObject o = new JsonObject()
                .put("source", e.source())
                .put("type", e.type())
                .put("message", e.message())
                .put("details", new JsonObject(new LinkedHashMap<String, Object>(e.details())))
                .put("time", e.time().toEpochMilli())
                .put("labels", new JsonObject(new LinkedHashMap<String, Object>(e.labels())));
        e.deviceId().ifPresent(id -> o.put("deviceId", id));
        e.severity().ifPresent(s -> o.put("severity", s));
        Buffer json = o.toBuffer();
        buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public DeviceEvent decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        JsonObject o = new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
        return new DeviceEvent(Optional.ofNullable(o.getString("deviceId")), o.getString("source"),
                o.getString("type"), Optional.ofNullable(o.getString("severity")), o.getString("message"),
                strings(o.getJsonObject("details")), Instant.ofEpochMilli(o.getLong("time")),
                strings(o.getJsonObject("labels")));
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> map = new LinkedHashMap<>();
        o.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
        return map;
    }

    @Override
    public DeviceEvent transform(DeviceEvent event) {
        return event;
    }

    @Override
    public String name() {
        return "dcsuite.device-event";
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
