package org.dcsuite.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dcsuite.slo.BurnWindows;
import org.dcsuite.slo.SloStatus;

/** The aligned text table of {@code dcsuite slo status}; "-" where there is no data. */
final class SloStatusTable {

    private SloStatusTable() {
    }

    static String write(List<SloStatus> statuses) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("NAME", "SERVICE", "OBJECTIVE", "WINDOW", "SLI", "BUDGET_LEFT"));
        header.addAll(BurnWindows.ALL.keySet());
        header.add("ALERTS");
        rows.add(header.toArray(String[]::new));
        for (SloStatus s : statuses) {
            List<String> row = new ArrayList<>(List.of(s.name(), s.service(), percent(s.objective(), 3), s.window(),
                    s.sli() == null ? "-" : percent(s.sli(), 4),
                    s.budgetRemaining() == null ? "-" : percent(s.budgetRemaining(), 1)));
            for (String w : BurnWindows.ALL.keySet()) {
                Double b = s.burnRates().get(w);
                row.add(b == null ? "-" : String.format(Locale.ROOT, "%.2f", b));
            }
            row.add(s.alertsFiring().isEmpty() ? "-" : String.join(",", s.alertsFiring()));
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", r[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String percent(double share, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", share * 100);
    }
}
