package org.dcsuite.tests.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.dcsuite.tests.slo.AlertEpisodes.Episode;

/**
 * The measured differences between dcsuite and Prometheus as Markdown tables, printed by the test so that
 * {@code docs/slo-vs-prometheus.md} can quote a run rather than a guess.
 */
final class AgreementReport {

    private final StringBuilder out = new StringBuilder();

    /**
     * One row per window: the largest absolute and relative difference, the largest while no change of error
     * ratio lies in or at the edge of the window, how many evaluations differ beyond rounding, and the widest
     * edge envelope, for scale.
     */
    AgreementReport burnRates(List<String> windows, List<Instant> times, Map<String, NavigableMap<Instant, Double>> prometheus,
            BiFunction<Instant, String, Double> dcsuite, BiFunction<Instant, String, Double> envelopeWidth,
            BiPredicate<Instant, String> steady) {
        out.append("| window | max abs. difference | at | max rel. difference | at | max abs. difference in steady state "
                + "| evaluations differing > 1e-9 rel. | widest edge envelope |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String w : windows) {
            double maxAbs = 0;
            double maxRel = 0;
            Instant worst = null;
            Instant worstRel = null;
            double maxSteady = 0;
            int differing = 0;
            double widest = 0;
            for (Instant at : times) {
                double theirs = prometheus.get(w).get(at);
                Double ours = dcsuite.apply(at, w);
                if (ours == null) {
                    continue;
                }
                double abs = Math.abs(ours - theirs);
                if (abs > maxAbs) {
                    maxAbs = abs;
                    worst = at;
                }
                if (abs / Math.abs(theirs) > maxRel) {
                    maxRel = abs / Math.abs(theirs);
                    worstRel = at;
                }
                if (steady.test(at, w)) {
                    maxSteady = Math.max(maxSteady, abs);
                }
                if (abs > 1e-9 * Math.abs(theirs)) {
                    differing++;
                }
                widest = Math.max(widest, envelopeWidth.apply(at, w));
            }
            out.append(String.format("| %s | %.4g | %s | %.3g | %s | %.3g | %d of %d | %.4g |%n", w, maxAbs, worst, maxRel,
                    worstRel, maxSteady, differing, times.size(), widest));
        }
        out.append('\n');
        return this;
    }

    /** One row per tier and stretch: when each side's alert fired and resolved. */
    AgreementReport alerts(String stretch, String tier, List<Instant> times, Predicate<Instant> prometheus,
            Predicate<Instant> dcsuite) {
        if (out.indexOf("| incident |") < 0) {
            out.append("| incident | tier | Prometheus fired - resolved | dcsuite fired - resolved | differences |\n");
            out.append("|---|---|---|---|---|\n");
        }
        List<Episode> theirs = AlertEpisodes.of(times, prometheus);
        List<Episode> ours = AlertEpisodes.of(times, dcsuite);
        StringBuilder diffs = new StringBuilder();
        for (int i = 0; i < Math.min(theirs.size(), ours.size()); i++) {
            diffs.append(diffs.isEmpty() ? "" : "; ").append(difference(theirs.get(i).firing(), ours.get(i).firing()))
                    .append(" / ").append(difference(theirs.get(i).resolved(), ours.get(i).resolved()));
        }
        out.append("| ").append(stretch).append(" | ").append(tier).append(" | ").append(episodes(theirs)).append(" | ")
                .append(episodes(ours)).append(" | ").append(theirs.size() == ours.size() ? diffs : "episodes differ")
                .append(" |\n");
        return this;
    }

    AgreementReport line(String text) {
        out.append(text).append('\n');
        return this;
    }

    private static String episodes(List<Episode> episodes) {
        if (episodes.isEmpty()) {
            return "never";
        }
        StringBuilder sb = new StringBuilder();
        for (Episode e : episodes) {
            sb.append(sb.isEmpty() ? "" : ", ").append(e.firing()).append(" - ")
                    .append(e.resolved() == null ? "still firing" : e.resolved());
        }
        return sb.toString();
    }

    private static String difference(Instant theirs, Instant ours) {
        if (theirs == null || ours == null) {
            return theirs == ours ? "0" : "n/a";
        }
        Duration d = Duration.between(theirs, ours);
        return (d.isNegative() ? "-" : "+") + d.abs().toMinutes() + "m";
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
