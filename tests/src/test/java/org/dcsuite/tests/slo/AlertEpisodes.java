package org.dcsuite.tests.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** When an alert started and stopped firing, seen from evaluations at regular times, as a rule manager sees it. */
final class AlertEpisodes {

    /**
     * @param firing   the first evaluation time at which the alert fired
     * @param resolved the first evaluation time after that at which it did not, or null when it still fired at the
     *                 last evaluation
     */
    record Episode(Instant firing, Instant resolved) {
    }

    private AlertEpisodes() {
    }

    static List<Episode> of(List<Instant> evaluationTimes, Predicate<Instant> firingAt) {
        List<Episode> out = new ArrayList<>();
        Instant since = null;
        for (Instant t : evaluationTimes) {
            boolean firing = firingAt.test(t);
            if (firing && since == null) {
                since = t;
            } else if (!firing && since != null) {
                out.add(new Episode(since, t));
                since = null;
            }
        }
        if (since != null) {
            out.add(new Episode(since, null));
        }
        return out;
    }
}
