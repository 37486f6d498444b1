package org.dcsuite.slo.definition;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One validated SLO, from either form.
 *
 * @param timeSlice       the slice length for the time-slice methods: whole minutes dividing an hour
 * @param timeSliceTarget the good ratio a slice needs to be good ({@link BudgetingMethod#TIMESLICES})
 * @param minEvents       the low-traffic guard: a burn-rate condition only holds when its window saw at least
 *                        this many events (slices with data for the time-slice methods); 0 disables it
 * @param source          where it was defined, {@code slos/checkout.yaml:3}
 */
public record SloDefinition(String name, String service, String description, SliDefinition sli,
        BudgetingMethod method, double objective, Duration timeSlice, double timeSliceTarget, SloWindow window,
        AlertPolicy alertPolicy, List<Exclusion> exclusions, long minEvents, String source) {

    public SloDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sli, "sli");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeSlice, "timeSlice");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(alertPolicy, "alertPolicy");
        Objects.requireNonNull(source, "source");
        exclusions = List.copyOf(exclusions);
        if (!(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException("objective must be between 0 and 1 exclusive, got " + objective);
        }
        long minutes = timeSlice.toMinutes();
        if (minutes < 1 || timeSlice.toMillis() % 60_000 != 0 || 60 % minutes != 0) {
            throw new IllegalArgumentException("time slices are whole minutes dividing an hour, got " + timeSlice);
        }
    }

    public int sliceMinutes() {
        return (int) timeSlice.toMinutes();
    }
}
