package org.dcsuite.app.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;

/**
 * Passes a {@link SampleBatch} as is within the JVM (samples are immutable) and as length-prefixed JSON between
 * cluster members: {@code [{"n": metric, "l": {labels}, "t": epochMillis, "v": value}, ...]}, with NaN and
 * infinities as strings.
 */
final class SampleBatchCodec implements MessageCodec<SampleBatch, SampleBatch> {

    @Override
    public void encodeToWire(Buffer buffer, SampleBatch batch) {
        JsonArray array = new JsonArray();
        for (Sample s : batch.samples()) {
            array.add(new JsonObject()
                    .put("n", s.series().metric())
                    .put("l", new JsonObject(new LinkedHashMap<String, Object>(s.series().attributes())))
                    .put("t", s.timeMillis())
                    .put("v", Double.isFinite(s.value()) ? (Object) s.value() : Double.toString(s.value())));
        }
        Buffer json = array.toBuffer();
        buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public SampleBatch decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        JsonArray array = new JsonArray(buffer.getBuffer(pos + 4, pos + 4 + length));
        List<Sample> samples = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject o = array.getJsonObject(i);
            Map<String, String> labels = new TreeMap<>();
            o.getJsonObject("l").forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
            samples.add(new Sample(SeriesKey.of(o.getString("n"), labels), o.getLong("t"), value(o.getValue("v"))));
        }
        return new SampleBatch(samples);
    }

    /** JSON has no NaN or infinities, so those travel as Java's text for them. */
    private static double value(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble((String) v);
    }

    @Override
    public SampleBatch transform(SampleBatch batch) {
        return batch;
    }

    @Override
    public String name() {
        return "dcsuite.sample-batch";
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
