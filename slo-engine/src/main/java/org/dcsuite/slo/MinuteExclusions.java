package org.dcsuite.slo;

import java.util.List;
import org.dcsuite.slo.definition.Exclusion;

/** Which minutes an SLO's maintenance windows cover. */
record MinuteExclusions(List<Exclusion> exclusions) {

    boolean covers(long minute) {
        long end = minute * 60_000;
        for (Exclusion e : exclusions) {
            if (e.covers(end)) {
                return true;
            }
        }
        return false;
    }
}
