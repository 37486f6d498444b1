package org.dcsuite.energy.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcsuite.energy.meter.IntegrationGrid;

/**
 * Cuts an interval into steps on the integration grid. Steps of whole days start at midnight in the site's
 * time zone (so a day is 23 or 25 hours across a DST change and the first and last may be partial); shorter
 * steps are counted from the start of the interval.
 */
final class StepPlan {

    /** Buckets {@code [first, end)} of the grid and the times they span. */
    record Step(int first, int end, Instant from, Instant to) {
    }

    private StepPlan() {
    }

    static List<Step> of(IntegrationGrid grid, ZoneId zone, Optional<Duration> step) {
        if (step.isEmpty()) {
            return List.of();
        }
        long width = grid.widthMillis();
        long stepMillis = step.get().toMillis();
        if (stepMillis % width != 0) {
            throw new IllegalArgumentException("step " + step.get() + " is not a whole number of the "
                    + Duration.ofMillis(width) + " resolution");
        }
        List<Long> edges = new ArrayList<>();
        long start = grid.startMillis();
        long end = grid.endMillis();
        edges.add(start);
        long day = Duration.ofDays(1).toMillis();
        if (stepMillis % day == 0) {
            long days = stepMillis / day;
            LocalDate date = Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
            LocalDate next = date.plusDays(1);
            while (true) {
                long edge = next.atStartOfDay(zone).toInstant().toEpochMilli();
                if (edge >= end) {
                    break;
                }
                if (Math.floorMod(edge - start, width) != 0) {
                    throw new IllegalArgumentException("midnight in " + zone + " (" + Instant.ofEpochMilli(edge)
                            + ") is not on the " + Duration.ofMillis(width) + " resolution");
                }
                edges.add(edge);
                next = next.plusDays(days);
            }
        } else {
            for (long edge = start + stepMillis; edge < end; edge += stepMillis) {
                edges.add(edge);
            }
        }
        edges.add(end);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i + 1 < edges.size(); i++) {
            steps.add(new Step(grid.indexOfEdge(edges.get(i)), grid.indexOfEdge(edges.get(i + 1)),
                    Instant.ofEpochMilli(edges.get(i)), Instant.ofEpochMilli(edges.get(i + 1))));
        }
        return steps;
    }
}
