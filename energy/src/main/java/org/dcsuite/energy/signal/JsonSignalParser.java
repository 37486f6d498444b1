package org.dcsuite.energy.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dcsuite.energy.config.SignalSpec.PayloadFormat;

/**
 * Reads a signal from the JSON that carbon and price services return.
 *
 * <p><b>Electricity Maps</b> (history or past-range): an array of objects, or such an array under
 * {@code history} or {@code data}; each object has {@code datetime} (the start of the period it covers) and,
 * for carbon, {@code carbonIntensity} in g CO2eq/kWh; for price, {@code price} or {@code value} with an
 * optional {@code unit} ({@code EUR/MWh} is divided by 1000 to give per kWh). Null values (periods not yet
 * estimated) are skipped.
 *
 * <p><b>WattTime</b> v3 ({@code /v3/historical}, {@code /v3/forecast}): {@code data} is an array of
 * {@code point_time} and {@code value}, and {@code meta.units} names the unit: {@code lbs_co2_per_mwh} is
 * multiplied by 0.45359237 (453.59237 g per lb, 1000 kWh per MWh) to give g/kWh, {@code g_co2_per_kwh} and
 * {@code kg_co2_per_mwh} are taken as they are; {@code percent} (the relative MOER index) is refused because it
 * is not an intensity.
 */
public final class JsonSignalParser {

    /** Grams in one avoirdupois pound, divided by the 1000 kWh of a MWh: lbs/MWh to g/kWh. */
    public static final double LBS_PER_MWH_TO_G_PER_KWH = 0.45359237;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSignalParser() {
    }

    public static SignalSeries parse(String name, String text, PayloadFormat format, SignalKind kind)
            throws SignalException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new SignalException(name + where + ": not valid JSON: " + e.getOriginalMessage(), false);
        }
        if (root == null || root.isMissingNode()) {
            throw new SignalException(name + ": empty JSON document", false);
        }
        List<SignalSeries.Point> points = switch (format) {
            case ELECTRICITYMAPS -> electricityMaps(name, root, kind);
            case WATTTIME -> wattTime(name, root, kind);
        };
        if (points.isEmpty()) {
            throw new SignalException(name + ": no values in the " + format.id() + " payload", false);
        }
        return SignalSeries.of(points);
    }

    private static List<SignalSeries.Point> electricityMaps(String name, JsonNode root, SignalKind kind)
            throws SignalException {
        JsonNode items = root.isArray() ? root : root.has("history") ? root.get("history") : root.get("data");
        if (items == null || !items.isArray()) {
            if (root.isObject() && root.has("datetime")) {
                items = JSON.createArrayNode().add(root);
            } else {
                throw new SignalException(name + ": expected an Electricity Maps array of {datetime, "
                        + field(kind) + "}, or one under 'history' or 'data'", false);
            }
        }
        List<SignalSeries.Point> points = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = name + ": item " + i;
            Instant time = time(where, item, "datetime");
            JsonNode value = kind == SignalKind.CARBON_INTENSITY ? item.get("carbonIntensity")
                    : item.has("price") ? item.get("price") : item.get("value");
            if (value == null) {
                throw new SignalException(where + ": no '" + field(kind) + "'", false);
            }
            if (value.isNull()) {
                continue;
            }
            if (!value.isNumber()) {
                throw new SignalException(where + ": '" + field(kind) + "' is not a number", false);
            }
            double factor = 1;
            if (kind == SignalKind.PRICE) {
                String unit = item.path("unit").asText(root.path("unit").asText(""));
                factor = priceFactor(where, unit);
            }
            points.add(new SignalSeries.Point(time, value.asDouble() * factor));
        }
        return points;
    }

    private static String field(SignalKind kind) {
        return kind == SignalKind.CARBON_INTENSITY ? "carbonIntensity" : "price";
    }

    /** Prices per MWh are turned into prices per kWh; a missing unit means per kWh. */
    private static double priceFactor(String where, String unit) throws SignalException {
        String u = unit.strip().toLowerCase(Locale.ROOT);
        if (u.isEmpty() || u.endsWith("/kwh")) {
            return 1;
        }
        if (u.endsWith("/mwh")) {
            return 0.001;
        }
        throw new SignalException(where + ": price unit '" + unit + "' is not per kWh or per MWh", false);
    }

    private static List<SignalSeries.Point> wattTime(String name, JsonNode root, SignalKind kind)
            throws SignalException {
        if (kind != SignalKind.CARBON_INTENSITY) {
            throw new SignalException(name + ": WattTime payloads carry emission rates, not prices", false);
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new SignalException(name + ": expected a WattTime object with a 'data' array", false);
        }
        String units = root.path("meta").path("units").asText("");
        double factor = switch (units) {
            case "lbs_co2_per_mwh" -> LBS_PER_MWH_TO_G_PER_KWH;
            case "g_co2_per_kwh", "kg_co2_per_mwh" -> 1;
            case "" -> throw new SignalException(name + ": meta.units is missing: WattTime payloads name their "
                    + "unit (lbs_co2_per_mwh)", false);
            default -> throw new SignalException(name + ": meta.units '" + units + "' is not an emission rate "
                    + "(lbs_co2_per_mwh, g_co2_per_kwh or kg_co2_per_mwh)", false);
        };
        List<SignalSeries.Point> points = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            String where = name + ": data[" + i + "]";
            Instant time = time(where, item, "point_time");
            JsonNode value = item.get("value");
            if (value == null || !value.isNumber()) {
                throw new SignalException(where + ": 'value' is missing or not a number", false);
            }
            points.add(new SignalSeries.Point(time, value.asDouble() * factor));
        }
        return points;
    }

    private static Instant time(String where, JsonNode item, String field) throws SignalException {
        JsonNode t = item == null ? null : item.get(field);
        if (t == null || !t.isTextual()) {
            throw new SignalException(where + ": '" + field + "' is missing or not a string", false);
        }
        try {
            return OffsetDateTime.parse(t.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new SignalException(where + ": '" + field + "' " + t.asText()
                    + " is not ISO-8601 with an offset", false);
        }
    }
}
