package org.dcsuite.slo.definition;

import java.util.Arrays;
import java.util.Optional;

/** How good and bad are counted against the objective, with OpenSLO's names. */
public enum BudgetingMethod {
    /** Good events over all events in the window. */
    OCCURRENCES("Occurrences"),
    /** Good time slices (slice ratio at least {@code timeSliceTarget}) over the slices with data. */
    TIMESLICES("Timeslices"),
    /** The mean of the slices' own good ratios. */
    RATIO_TIMESLICES("RatioTimeslices");

    private final String openSloName;

    BudgetingMethod(String openSloName) {
        this.openSloName = openSloName;
    }

    /** The OpenSLO spelling, also used in the CLI and API output. */
    public String openSloName() {
        return openSloName;
    }

    public boolean slicesTime() {
        return this != OCCURRENCES;
    }

    /** Accepts the OpenSLO spelling and the native snake case ({@code ratio_timeslices}). */
    public static Optional<BudgetingMethod> parse(String text) {
        return Arrays.stream(values())
                .filter(m -> m.openSloName.equalsIgnoreCase(text) || m.name().equalsIgnoreCase(text))
                .findFirst();
    }
}
